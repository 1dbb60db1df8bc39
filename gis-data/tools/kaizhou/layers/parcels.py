"""parcels.geojson: sample land parcels drawn at random inside the zones, within 3 km of a sourced township seat."""

import random

from ..checks import check
from ..context import NO_COORD
from ..gk4545 import ll, multipolygon_area_m2, polygon_area_m2, xy
from ..naming import NAMED_TOWN_MAX_M, distance_m
from ..output import feature, honesty
from ..planar import mp_intersects, poly_within, polys_intersect
from ..shapes import centroid_xy, mp_geom, shape_with_area

LAND = {"0101": "水田", "0102": "水浇地", "0103": "旱地", "0201": "果园", "0301": "乔木林地", "0305": "灌木林地",
        "0404": "其他草地", "0601": "工业用地", "0701": "城镇住宅用地", "0702": "农村宅基地",
        "05H1": "商业服务业设施用地", "08H2": "科教文卫用地", "0810": "公园与绿地", "1003": "公路用地",
        "1101": "河流水面", "1103": "水库水面"}
USES = {"pilot_area": ["0701", "05H1", "0810", "08H2", "1003", "1101", "0702", "0102", "0701", "05H1", "0810"],
        "high_tech_zone": ["0601", "0601", "1003", "0103", "0101", "0601", "0404", "1101", "0601"],
        "key_town": ["0701", "0101", "0103", "0201", "0702", "0301", "0305", "1103", "08H2", "05H1", "0102"],
        "resettlement": ["0701", "0702", "08H2", "0810", "0103"]}
PARCEL_N = {"pilot_area": 22, "high_tech_zone": 8, "key_town": 6, "resettlement": 4}


def nearest_seat(ctx, lonlat):
    """(distance m, code) of the nearest sourced township seat."""
    return min((distance_m(lonlat, p), code) for code, p in ctx.sourced_seats.items())


def build(ctx):
    rng = random.Random(4545)
    zones, parent = ctx.zones, ctx.zone_parent
    puli_id = ctx.zone_by_name["浦里高新区"]["id"]
    parcels, use_counter = [], {}
    for z in zones:
        want = PARCEL_N[z["kind"]] + (4 if z["id"] == puli_id else 0)
        zarea = multipolygon_area_m2(z["mp"])
        others = [o for o in zones if o["id"] != z["id"] and o["id"] != parent.get(z["id"])]
        xs = [xy(*p) for poly in z["mp"] for p in poly[0]]
        minx, maxx = min(p[0] for p in xs), max(p[0] for p in xs)
        miny, maxy = min(p[1] for p in xs), max(p[1] for p in xs)
        got, tries = 0, 0
        while got < want and tries < 20000:
            tries += 1
            c = (rng.uniform(minx, maxx), rng.uniform(miny, maxy))
            hi_ha = max(1.2, min(30.0, zarea / 1e4 / (want * 2.2)))
            a_m2 = rng.uniform(1.0, hi_ha) * 1e4
            asp = rng.uniform(1.0, 2.2)
            rot = rng.uniform(0, 180)
            corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
            unit = [(x * (1 + 0.08 * (rng.random() - 0.5)), y * (1 + 0.08 * (rng.random() - 0.5))) for x, y in corners]
            poly = [shape_with_area(c, unit, a_m2, asp, rot)]
            if not any(poly_within(poly, zp) for zp in z["mp"]):
                continue
            if nearest_seat(ctx, ll(*centroid_xy(poly)))[0] > NAMED_TOWN_MAX_M:
                continue      # its township_code would name a seat farther than check-data accepts
            if any(mp_intersects([poly], o["mp"]) for o in others):
                continue
            if any(polys_intersect(poly, q["poly"]) for q in parcels):
                continue
            uses = USES[z["kind"]]
            k = use_counter.get(z["kind"], 0)
            use_counter[z["kind"]] = k + 1
            parcels.append({"poly": poly, "zone": z, "code": uses[k % len(uses)]})
            got += 1
        check(got == want, "zone %s: only %d of %d parcels placed" % (z["name"], got, want))
    features = []
    for i, q in enumerate(parcels, start=1):
        a = round(polygon_area_m2(q["poly"]), 2)
        check(1e4 <= a <= 30e4, "parcel %d area %.0f m² outside 1-30 ha" % (i, a))
        props = {"land_use_code": q["code"], "land_use": LAND[q["code"]], "area_m2": a,
                 "township_code": nearest_seat(ctx, ll(*centroid_xy(q["poly"])))[1], "zone_id": q["zone"]["id"]}
        props.update(honesty("sample parcel (地块) drawn at random inside the schematic zone '%s' (zone_id %d) with a "
                             "plausible 三调 land-use class; not real land-use data; township_code = the nearest "
                             "sourced township seat (there are no township boundaries); %s"
                             % (q["zone"]["name"], q["zone"]["id"], NO_COORD), "schematic", True))
        g = mp_geom([q["poly"]])
        ctx.chk_geom(g, "parcel %d" % i)
        features.append(feature(i, props, g))
    check(60 <= len(features) <= 150, "parcel count %d not in 60..150" % len(features))
    check(set(LAND) == {q["code"] for q in parcels}, "not every 三调 class is used")
    return features
