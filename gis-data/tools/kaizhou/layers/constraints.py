"""constraints.geojson: sample 三区三线 and geohazard areas, each placed to carry one built-in test case."""

import math
import random

from ..checks import check
from ..context import NO_COORD
from ..gk4545 import ll, xy
from ..output import feature, honesty
from ..planar import convex_hull, mp_intersects, mp_within
from ..shapes import centroid_xy, close_ring, ellipse_ring, make_ccw, mp_geom, shape_unit, shape_with_area
from .zones import lake_ring

SAMPLE = "sample constraint drawn for testing, not official 三区三线 data (which is not public here); "


def build(ctx):
    P = ctx.placement
    rng = random.Random(333)
    zb = ctx.zone_by_name

    def blob(center_xy, area_m2, n=16, irr=0.12, aspect=1.4, rot=None):
        unit = shape_unit(n, rng, irr)
        if rot is None:
            rot = rng.uniform(0, 180)
        return [[shape_with_area(center_xy, unit, area_m2, aspect, rot)]]

    # urban boundary: city ellipse + convex hull (300 m margin) around the Puli zone, 浦里新区 and its community
    hull_src = []
    for z in ("浦里高新区", "浦里新区", "浦里高新区产业园区周边农民搬迁集聚社区"):
        for poly in zb[z]["mp"]:
            for p in poly[0]:
                X = xy(*p)
                for k in range(8):
                    hull_src.append((X[0] + 300 * math.cos(k * math.pi / 4), X[1] + 300 * math.sin(k * math.pi / 4)))
    puli_part = make_ccw(close_ring([ll(*p) for p in convex_hull(hull_src)]))
    urban = [[ellipse_ring(ctx.city_xy, 9300.0, 4600.0, n=64)], [puli_part]]
    cons = [("urban_boundary", "城镇开发边界（示意）", SAMPLE +
             "one part an ellipse around the schematic 环汉丰湖片区 and 汉丰湖, one around the Puli high-tech zone, "
             "浦里新区 and the adjacent resettlement community; shapes schematic; " + NO_COORD, urban)]
    changsha = ctx.puli.point(14150, 750)
    f_changsha = blob(changsha, 0.8e6, aspect=1.6, rot=ctx.puli.rotation(14150))
    cons.append(("permanent_farmland", "永久基本农田 长沙片（示意）", SAMPLE +
                 "deliberately overlaps the schematic polygon of 附件4 项目5 (高新区长沙组团城中村改造) so that a "
                 "compliance conflict can be tested; " + NO_COORD, f_changsha))
    for f in P["farmland"]:
        cons.append(("permanent_farmland", f["name"], SAMPLE + ctx.note(f) + "; " + NO_COORD,
                     blob(ctx.place(f), f["area_m2"])))
    q, t, x = P["quzhou_farmland"], P["tiefeng_redline"], P["xuebaoshan_redline"]
    f_quzhou = blob(ctx.place(q), q["area_m2"], aspect=1.5, rot=25)
    cons.insert(5, ("permanent_farmland", "永久基本农田 渠口片（示意）", SAMPLE +
                    "placed 2.4 km south of the 渠口镇 seat; overlaps the sample 铁峰山 生态保护红线 so that a 三线 "
                    "conflict can be tested; " + NO_COORD, f_quzhou))
    cons.append(("ecological_redline", "汉丰湖湖体及岸线 生态保护红线（示意）", SAMPLE +
                 "the schematic 汉丰湖 ellipse plus a 200 m shore strip; overlaps the 环汉丰湖片区 band; " + NO_COORD,
                 [[lake_ring(ctx, 200.0)]]))
    cons.append(("ecological_redline", "雪宝山 生态保护红线（示意）", SAMPLE +
                 ctx.note(x) + "; " + NO_COORD, blob(ctx.place(x), x["area_m2"], n=20, aspect=1.3)))
    r_tiefeng = blob(ctx.place(t), t["area_m2"], n=20, irr=0.08, aspect=6.0, rot=40)
    cons.append(("ecological_redline", "铁峰山 生态保护红线（示意）", SAMPLE +
                 ctx.note(t) + "; overlaps the sample 渠口 permanent-farmland patch; " + NO_COORD, r_tiefeng))
    hazards = P["geohazards"]
    g1, g2 = (blob(ctx.place(hazards[h]), hazards[h]["area_m2"]) for h in ("GH-01", "GH-02"))
    r13 = zb["岳溪高铁片区"]["mp"]
    c13 = centroid_xy(r13[0])
    g3 = blob((c13[0] + 650, c13[1] + 350), 0.5e6)
    cons.append(("geohazard", "地质灾害隐患区 GH-01（示意）", SAMPLE +
                 ctx.note(hazards["GH-01"]) + "; " + NO_COORD, g1))
    cons.append(("geohazard", "地质灾害隐患区 GH-02（示意）", SAMPLE +
                 ctx.note(hazards["GH-02"]) + "; " + NO_COORD, g2))
    cons.append(("geohazard", "地质灾害隐患区 GH-03（示意）", SAMPLE +
                 "deliberately overlaps the schematic 岳溪高铁片区 resettlement zone so that a hazard conflict can be "
                 "tested; " + NO_COORD, g3))
    ctx.geohazard_centres = {"GH-01": centroid_xy(g1[0]), "GH-02": centroid_xy(g2[0])}
    ctx.geohazard_names = {"GH-01": "地质灾害隐患区 GH-01（示意）", "GH-02": "地质灾害隐患区 GH-02（示意）"}

    features = []
    for i, (kind, nm, s, mp) in enumerate(cons, start=1):
        props = {"kind": kind, "name": nm}
        props.update(honesty(s, "schematic", True))
        features.append(feature(i, props, mp_geom(mp)))
        ctx.chk_geom(mp_geom(mp), "constraint %s" % nm)
    p5 = [ctx.proj_geom[5]["coordinates"]]
    check(mp_within(zb["环汉丰湖片区"]["mp"], [urban[0]]), "urban boundary must contain the 环汉丰湖片区")
    check(mp_within(zb["浦里高新区"]["mp"], [urban[1]]) and mp_within(zb["浦里新区"]["mp"], [urban[1]]),
          "urban boundary must contain the Puli zone and 浦里新区")
    check(mp_intersects(f_changsha, p5), "farmland 长沙片 must overlap project 5")
    check(mp_intersects(f_quzhou, r_tiefeng), "farmland 渠口片 must overlap the 铁峰山 redline")
    check(mp_intersects(g3, r13), "GH-03 must overlap 岳溪高铁片区")
    check(sum(1 for c in cons if c[0] == "permanent_farmland") in range(4, 9), "4-8 farmland patches")
    return features
