"""relocation_flows.geojson: sample moves from a township (or the 跳蹬水库 / geohazard areas) to a resettlement area."""

import math
import random

from ..checks import CheckFailed, check
from ..context import NO_COORD
from ..gk4545 import ll, xy
from ..output import feature, honesty
from ..planar import point_in_polygon
from ..shapes import centroid_xy

REASONS = ("地质灾害", "生态", "重大工程", "自愿搬迁", "高山远山")
TDSK_NAME = "跳蹬水库淹没及工程建设区（示意）"
TDSK_NOTE = ("origin 'TDSK' is a made-up label for the 跳蹬水库 reservoir area; the plan says its relocated households go "
             "to 浦里高新区, 竹溪 and 岳溪 高铁片区; origins drawn at random within %.1f km (east and north) of a point "
             "%s: the dam is in 南门镇 卷桥村 (slj.cq.gov.cn 2022-10-08, text only), the reservoir's position is not in "
             "any source")


def random_point_in(mp, rng):
    xs = [xy(*p) for poly in mp for p in poly[0]]
    minx, maxx = min(p[0] for p in xs), max(p[0] for p in xs)
    miny, maxy = min(p[1] for p in xs), max(p[1] for p in xs)
    for _ in range(1000):
        c = ll(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if any(point_in_polygon(c, poly) for poly in mp):
            return c
    raise CheckFailed("could not sample a point in a zone")


def centroid_ll(zone):
    return ll(*centroid_xy(zone["mp"][0]))


def build(ctx):
    P = ctx.placement
    rng = random.Random(2025)
    tdsk = P["geography"]["tdsk"]
    near, far = P["flow_origin_distance_m"]
    features = []
    inflow = {z["id"]: 0 for z in ctx.zones if z["kind"] == "resettlement"}
    for i, (orig, zname, hh, year, reason) in enumerate(P["flows"], start=1):
        z = ctx.zone_by_name[zname]
        if orig == "TDSK":
            base = ctx.place(tdsk)
            spread = tdsk["spread_m"]
            o = ll(base[0] + rng.uniform(-spread, spread), base[1] + rng.uniform(-spread, spread))
            oname, onote = TDSK_NAME, TDSK_NOTE % (spread / 1000.0, ctx.where(tdsk))
        elif orig.startswith("GH-"):
            cc = ctx.geohazard_centres[orig]
            o = ll(cc[0] + rng.uniform(-300, 300), cc[1] + rng.uniform(-300, 300))
            oname = ctx.geohazard_names[orig]
            onote = "origin '%s' is a made-up label for the sample geohazard area of that name in constraints.geojson" % orig
        else:
            check(orig in ctx.sourced_seats, "flow %d: origin %s has no sourced seat" % (i, orig))
            base = ctx.locate({"seat": orig})
            for _ in range(200):   # an origin whose straight line to the zone stays inside the district
                ang, dist = rng.uniform(0, 2 * math.pi), rng.uniform(near, far)
                o = ll(base[0] + dist * math.cos(ang), base[1] + dist * math.sin(ang))
                if ctx.district.contains_geometry({"type": "LineString", "coordinates": [o, centroid_ll(z)]}):
                    break
            oname = ctx.name_of[orig]
            onote = ("origin point placed %.1f-%.1f km from the sourced %s seat (a sample village)"
                     % (near / 1000, far / 1000, oname))
        dpt = random_point_in(z["mp"], rng)
        persons = int(round(hh * rng.uniform(2.6, 3.4)))
        inflow[z["id"]] += hh
        props = {"origin_code": orig, "origin_name": oname, "destination_zone": z["id"], "destination_name": z["name"],
                 "households": hh, "persons": persons, "year": year, "reason": reason}
        props.update(honesty("sample figures, not from the plan (households, persons, year and reason are made up "
                             "for testing); %s; destination point inside the schematic zone '%s'; %s"
                             % (onote, z["name"], NO_COORD), "schematic", True))
        geom = {"type": "LineString", "coordinates": [o, dpt]}
        ctx.chk_geom(geom, "flow %d" % i)
        check(2.5 <= persons / hh <= 3.5, "flow %d persons/household" % i)
        check(reason in REASONS and 2023 <= year <= 2025, "flow %d reason/year" % i)
        features.append(feature(i, props, geom))
    check(20 <= len(features) <= 40, "flow count")
    over = [z["name"] for z in ctx.zones if z["id"] in inflow and inflow[z["id"]] > z["capacity_households"]]
    check(len(over) == 1, "exactly one resettlement zone must exceed its capacity, got %r" % over)
    for zn in ("浦里高新区产业园区周边农民搬迁集聚社区", "竹溪高铁片区", "岳溪高铁片区"):
        check(any(f[0] == "TDSK" and f[1] == zn for f in P["flows"]), "TDSK flow to %s missing" % zn)
    ctx.inflow = inflow
    return features
