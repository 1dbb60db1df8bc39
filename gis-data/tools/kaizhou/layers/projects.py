"""projects.geojson: the 35 projects of 附件4; polygons where the text states a footprint, points elsewhere."""

import math
import random

from ..checks import check
from ..context import NO_COORD
from ..gk4545 import ll, polygon_area_m2
from ..naming import APPROXIMATE_MAX_M, geometry_distance_m, named_township
from ..output import feature, honesty
from ..plan import stated_area
from ..planar import mp_intersects, mp_within
from ..shapes import shape_unit, shape_with_area

EXPECTED_AREAS = {4: 794000.0, 5: 1609000.0, 10: 173333.33, 12: 14666.67, 20: 58653.33}


def point_precision(ctx, text, geom):
    """`approximate` only within about 1 km of the sourced seat of the township the text names; else `schematic`."""
    code = named_township(text, ctx.townships)
    if code in ctx.sourced_seats and geometry_distance_m(geom, ctx.sourced_seats[code]) <= APPROXIMATE_MAX_M:
        return "approximate"
    return "schematic"


def build(ctx):
    P = ctx.placement
    points, polys = P["project_points"], P["project_polygons"]
    rng = random.Random(35)
    features = []
    for p in ctx.plan.projects:
        key = str(p["id"])
        area, phrase = stated_area(p["scope"])
        base = "附件4 序号%d (%s; 计划总投资 %s 万元)" % (
            p["id"], ("text: " + phrase) if phrase else "no footprint area in the text", p["investment_wan"])
        if area is not None:
            check(key in polys, "project %d states an area but has no polygon placement" % p["id"])
            s = polys[key]
            unit = shape_unit(s["n"], rng, 0.06, start=rng.uniform(0, math.pi))
            rot = ctx.rotation(s["rot"], s["at"], rng)
            ring = shape_with_area(ctx.place(s), unit, area, s["aspect"], rot)
            geom = {"type": "Polygon", "coordinates": [ring]}
            src = "%s; geometry schematic: %s, area drawn to the stated %s m² in EPSG:4545; %s" % (
                base, ctx.note(s), ("%.2f" % area).rstrip("0").rstrip("."), NO_COORD)
            prec = "schematic"
        else:
            check(key not in polys, "project %d has a polygon placement but no stated area" % p["id"])
            s = points[key]
            geom = {"type": "Point", "coordinates": ll(*ctx.place(s))}
            prec = point_precision(ctx, s["place"], geom)
            src = "%s; position %s: %s; %s" % (base, prec, ctx.note(s), NO_COORD)
        props = {"name": p["name"], "owner": p["owner"], "funding": p["funding"], "period": p["period"],
                 "start_year": p["start_year"], "end_year": p["end_year"], "scope": p["scope"],
                 "investment_wan": p["investment_wan"], "lead_unit": p["lead_unit"], "category": p["category"],
                 "category_name": p["category_name"], "place": s["place"], "stated_area_m2": area,
                 "extent_text": phrase}
        props.update(honesty(src, prec, True))
        ctx.chk_geom(geom, "project %d" % p["id"])
        ctx.proj_geom[p["id"]] = geom
        features.append(feature(p["id"], props, geom))
    check(sorted(polys, key=int) == [str(p["id"]) for p in ctx.plan.projects if stated_area(p["scope"])[0] is not None],
          "polygon projects differ from the projects with a stated area")
    check_polygons(ctx)
    return features


def check_polygons(ctx):
    g = ctx.proj_geom
    for pid, a in EXPECTED_AREAS.items():
        got = stated_area(ctx.plan.projects[pid - 1]["scope"])[0]
        check(got == a, "project %d stated_area_m2 %r != %r" % (pid, got, a))
        real = polygon_area_m2(g[pid]["coordinates"])
        check(abs(real - a) / a <= 0.005, "project %d: EPSG:4545 area %.2f differs from %.2f by > 0.5 %%" % (pid, real, a))
    zb = ctx.zone_by_name
    pilot, puli, pxq = zb["环汉丰湖片区"]["mp"], zb["浦里高新区"]["mp"], zb["浦里新区"]["mp"]
    check(mp_within([g[4]["coordinates"]], pilot), "project 4 must lie inside the 环汉丰湖片区")
    check(mp_within([g[5]["coordinates"]], puli), "project 5 must lie inside the Puli high-tech zone")
    check(mp_within([g[10]["coordinates"]], puli), "project 10 must lie inside the Puli zone")
    check(mp_within([g[12]["coordinates"]], pxq) and not mp_intersects([g[12]["coordinates"]], puli),
          "project 12 must lie in 浦里新区 outside the blocks")
    check(mp_within([g[20]["coordinates"]], pilot), "project 20 must lie inside the 环汉丰湖片区")
