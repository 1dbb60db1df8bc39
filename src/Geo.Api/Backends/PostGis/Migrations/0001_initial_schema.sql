-- Initial schema: one table per gis-data collection (see Geo.Core.Domain.Catalog, which a test compares with this).
-- Geometries are CGCS2000 (EPSG:4490), x = longitude; every geometry column has a GiST index and a validity check.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE projects (
    id                 bigint PRIMARY KEY,
    geom               geometry(Geometry, 4490) NOT NULL
                       CHECK (ST_IsValid(geom) AND GeometryType(geom) IN ('POINT', 'MULTIPOLYGON')),
    name               text NOT NULL,
    owner              text NOT NULL,
    funding            text NOT NULL CHECK (funding IN ('政府', '市场')),
    period             text NOT NULL,
    start_year         bigint NOT NULL,
    end_year           bigint NOT NULL,
    scope              text NOT NULL,
    investment_wan     double precision NOT NULL CHECK (investment_wan >= 0),
    lead_unit          text NOT NULL,
    category           text NOT NULL CHECK (category IN ('resettlement', 'industry', 'employment', 'public_service', 'municipal')),
    category_name      text NOT NULL,
    place              text NOT NULL,
    stated_area_m2     double precision CHECK (stated_area_m2 > 0),
    extent_text        text,
    source             text NOT NULL,
    location_precision text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative       boolean NOT NULL,
    CHECK (start_year <= end_year)
);

CREATE TABLE zones (
    id                  bigint PRIMARY KEY,
    geom                geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    name                text NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('pilot_area', 'high_tech_zone', 'key_town', 'resettlement')),
    capacity_households bigint CHECK (capacity_households >= 0),
    township_code       text,
    plan_text           text,
    source              text NOT NULL,
    location_precision  text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative        boolean NOT NULL
);

CREATE TABLE district (
    id                 bigint PRIMARY KEY,
    geom               geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    name               text NOT NULL,
    adcode             bigint NOT NULL,
    area_note          text,
    source             text NOT NULL,
    location_precision text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative       boolean NOT NULL
);

CREATE TABLE townships (
    id                 bigint PRIMARY KEY,
    geom               geometry(Point, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    code               text NOT NULL UNIQUE,
    name               text NOT NULL,
    type               text NOT NULL CHECK (type IN ('街道', '镇', '乡')),
    source             text NOT NULL,
    location_precision text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative       boolean NOT NULL
);

CREATE TABLE parcels (
    id                 bigint PRIMARY KEY,
    geom               geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    land_use_code      text NOT NULL,
    land_use           text NOT NULL,
    area_m2            double precision NOT NULL CHECK (area_m2 > 0),
    township_code      text NOT NULL,
    zone_id            bigint,
    source             text NOT NULL,
    location_precision text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative       boolean NOT NULL
);

CREATE TABLE relocation_flows (
    id                 bigint PRIMARY KEY,
    geom               geometry(LineString, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    origin_code        text NOT NULL,
    origin_name        text NOT NULL,
    destination_zone   bigint NOT NULL,
    destination_name   text NOT NULL,
    households         bigint NOT NULL CHECK (households >= 0),
    persons            bigint NOT NULL CHECK (persons >= 0),
    year               bigint NOT NULL,
    reason             text NOT NULL CHECK (reason IN ('地质灾害', '生态', '重大工程', '自愿搬迁', '高山远山')),
    source             text NOT NULL,
    location_precision text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative       boolean NOT NULL
);

CREATE TABLE constraints (
    id                 bigint PRIMARY KEY,
    geom               geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    kind               text NOT NULL CHECK (kind IN ('permanent_farmland', 'ecological_redline', 'urban_boundary', 'geohazard')),
    name               text NOT NULL,
    source             text NOT NULL,
    location_precision text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative       boolean NOT NULL
);

CREATE TABLE facilities (
    id                 bigint PRIMARY KEY,
    geom               geometry(Point, 4490) NOT NULL CHECK (ST_IsValid(geom)),
    kind               text NOT NULL CHECK (kind IN ('school', 'clinic', 'hospital', 'market', 'elderly_care', 'childcare', 'park')),
    name               text NOT NULL,
    planned            boolean NOT NULL,
    project_id         bigint,
    source             text NOT NULL,
    location_precision text NOT NULL CHECK (location_precision IN ('surveyed', 'sourced_point', 'approximate', 'schematic')),
    illustrative       boolean NOT NULL
);

CREATE TABLE indicators (
    id           bigint PRIMARY KEY,
    name         text NOT NULL,
    target_text  text NOT NULL,
    comparator   text NOT NULL CHECK (comparator IN ('>=', '<=', '=', '~')),
    target_value double precision NOT NULL,
    target_unit  text,
    lead_unit    text NOT NULL,
    remarks      text
);

CREATE TABLE policies (
    id        bigint PRIMARY KEY,
    text      text NOT NULL,
    lead_unit text NOT NULL,
    remarks   text
);

CREATE TABLE reforms (
    id        bigint PRIMARY KEY,
    text      text NOT NULL,
    lead_unit text NOT NULL,
    remarks   text
);

CREATE TABLE milestones (
    id          bigint PRIMARY KEY,
    due_date    date NOT NULL,
    due_text    text NOT NULL,
    deliverable text NOT NULL
);

CREATE INDEX projects_geom_idx ON projects USING gist (geom);
CREATE INDEX zones_geom_idx ON zones USING gist (geom);
CREATE INDEX district_geom_idx ON district USING gist (geom);
CREATE INDEX townships_geom_idx ON townships USING gist (geom);
CREATE INDEX parcels_geom_idx ON parcels USING gist (geom);
CREATE INDEX relocation_flows_geom_idx ON relocation_flows USING gist (geom);
CREATE INDEX constraints_geom_idx ON constraints USING gist (geom);
CREATE INDEX facilities_geom_idx ON facilities USING gist (geom);
