"""Reading the reference geodata (gis-data/sources/, PROVENANCE.md): the district outline, the township list, the
district seat point, the township seats and the railway stations.

The files are WGS84 (converted from GCJ-02 where Amap is the origin). Storage is CGCS2000 (EPSG:4490); the two frames
differ by centimetres here (PROVENANCE §3), so WGS84 coordinates are written unchanged as CGCS2000, exactly as the
district outline always was.
"""

import csv
import json
import os

from .checks import check

BOUNDARY_FILE = "kaizhou_500154_amap_hires_wgs84.geojson"
SEATS_FILE = "township_seats_amap_wgs84.geojson"
STATIONS_FILE = "railway_stations_osm.geojson"
TOWNSHIPS_FILE = "townships.csv"
PLACES_FILE = "places.csv"
HANFENG = "500154001"


def _json(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return json.load(f)


def read_boundary_ring(folder):
    """The district's one ring, as published (closed; the source ring is clockwise)."""
    src = _json(folder, BOUNDARY_FILE)
    check(len(src["features"]) == 1, "boundary file must hold one feature")
    g = src["features"][0]["geometry"]
    check(g["type"] == "MultiPolygon" and len(g["coordinates"]) == 1 and len(g["coordinates"][0]) == 1,
          "boundary: expected a MultiPolygon with one ring")
    ring = [[p[0], p[1]] for p in g["coordinates"][0][0]]
    check(ring[0] == ring[-1], "boundary ring not closed")
    return ring


def read_townships(folder):
    """The 40 units of townships.csv (code, name, type), NBS 2023 edition."""
    with open(os.path.join(folder, TOWNSHIPS_FILE), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 40, "%s must have 40 rows" % TOWNSHIPS_FILE)
    return rows


def read_district_seat(folder):
    """The WGS84 row of the Amap district 'center' in places.csv (the district government, in 汉丰街道)."""
    with open(os.path.join(folder, PLACES_FILE), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f)
                if r["name"].startswith("开州区 district seat point") and r["crs"].startswith("WGS84")]
    check(len(rows) == 1, "places.csv: the WGS84 district seat row not found")
    return [float(rows[0]["lon"]), float(rows[0]["lat"])]


def read_seats(folder):
    """code -> {"name", "lonlat", "note"} for the township seats of the Amap (Vonng/adcode) file."""
    seats = {}
    for f in _json(folder, SEATS_FILE)["features"]:
        p = f["properties"]
        check(f["geometry"]["type"] == "Point", "seat %s is not a point" % p["code"])
        check(p["code"] not in seats, "seat %s listed twice" % p["code"])
        seats[p["code"]] = {"name": p["name"], "lonlat": list(f["geometry"]["coordinates"]), "note": p["note"],
                            "name_in_source": p["name_in_source"]}
    return seats


def read_stations(folder):
    """The OpenStreetMap railway stations the source marks as inside the district: [{"name", "lonlat"}]."""
    return [{"name": f["properties"]["name"], "lonlat": list(f["geometry"]["coordinates"])}
            for f in _json(folder, STATIONS_FILE)["features"] if f["properties"]["inside_district"]]
