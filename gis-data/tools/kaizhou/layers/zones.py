"""zones.geojson: the pilot area, the Puli high-tech zone and 浦里新区, the key towns and the resettlement areas."""

import random

from ..checks import check
from ..context import NO_COORD
from ..output import feature, honesty
from ..planar import mp_intersects, mp_within
from ..shapes import ellipse_ring, make_ccw, mp_geom, shape_unit, shape_with_area

KEY_PLAN = "重点引导汉丰湖周边区域、浦里高新区、东里和江里重点集镇以及乡村振兴示范片"
RESETTLE_PLAN = {
    "环汉丰湖居民自建房安置区": "完善环汉丰湖居民自建房安置区基础设施配套",
    "浦里高新区产业园区周边农民搬迁集聚社区": "在浦里高新区产业园区周边规划布局农民搬迁集聚社区",
    "竹溪高铁片区": "鼓励跳蹬水库拆迁安置户进浦里高新区，竹溪和岳溪高铁片区就地安居乐业",
    "岳溪高铁片区": "鼓励跳蹬水库拆迁安置户进浦里高新区，竹溪和岳溪高铁片区就地安居乐业",
}
SAMPLE_CAPACITY = "capacity_households is a sample figure, not from the plan; "


def lake_ring(ctx, extra_m=0.0, ccw=True):
    a, b = ctx.lake_half_axes
    return make_ccw(ellipse_ring(ctx.lake_xy, a + extra_m, b + extra_m, n=48), ccw=ccw)


def build(ctx):
    """Builds the zones (ctx.zones, ctx.zone_by_name) and returns their features."""
    rng = random.Random(20240730)
    P = ctx.placement

    def blob(center_xy, area_m2, n=16, irr=0.12, aspect=1.3, rot=None):
        unit = shape_unit(n, rng, irr)
        if rot is None:
            rot = rng.uniform(0, 180)
        return [[shape_with_area(center_xy, unit, area_m2, aspect, rot)]]

    pilot_outer = ellipse_ring(ctx.city_xy, 8500.0, 4000.0, n=64)
    blocks = P["puli_blocks"]
    check(abs(sum(b["area_km2"] for b in blocks) - 8.33) < 1e-9, "Puli blocks must total 8.33 km²")
    puli_blocks = []
    for b in blocks:
        unit = shape_unit(14, rng, 0.05)
        puli_blocks.append([shape_with_area(ctx.puli.point(b["chainage_m"], b["offset_m"]), unit, b["area_km2"] * 1e6,
                                            b["aspect"], ctx.puli.rotation(b["chainage_m"]))])
    zhao, chang, nan = (ctx.name_of[c] for c in P["geography"]["puli_axis_seats"])
    defs = [  # (name, kind, capacity, township_code, plan_text, source, multipolygon)
        ("环汉丰湖片区", "pilot_area", None, "500154001", "务实推进环汉丰湖片区生态环境导向的开发（EOD）模式",
         "schematic band around 汉丰湖: outer ellipse 17 km x 8 km %s with the lake as a hole (%s; the real lake "
         "has arms and a 5.9 km N-S extent, PROVENANCE §4); covers the sourced seats of 汉丰, 文峰, 云枫 and 正安街道 "
         "and the schematic 镇东街道 point; %s" % (ctx.note(P["geography"]["city_center"]),
                                                   ctx.note(P["geography"]["lake"]), NO_COORD),
         [[pilot_outer, lake_ring(ctx, ccw=False)]]),
        ("浦里高新区", "high_tech_zone", None, "500154007", "集中发展环汉丰湖城区、浦里高新区",
         "schematic: 重庆开州高新技术产业开发区 is 8.33 km² in 7 blocks along 浦里河 in 赵家街道, 长沙镇 and 南门镇 "
         "(PROVENANCE §4, cq.gov.cn 2022-08-25, text only); drawn as 7 blocks totalling 8.33 km² in EPSG:4545 on a "
         "schematic river axis through the sourced seats of %s, %s and %s, each block within 3 km of one of those "
         "seats; the official 四至 were not digitised; %s" % (zhao, chang, nan, NO_COORD),
         puli_blocks),
        ("浦里新区", "high_tech_zone", None, "500154007",
         "挖掘环汉丰湖、浦里新区城郊接合部国有土地及集体建设用地空间",
         "schematic: 浦里新区 industrial park, address 赵家街道 (PROVENANCE §4, cqymx.org.cn, text only); drawn as a "
         "6 km² area around the 赵家 blocks of the Puli zone, next to the 赵家街道 seat, overlapping it; its real "
         "extent is not known here (some web pages use 浦里新区 for a much larger planning area); " + NO_COORD,
         blob(ctx.puli.point(1300, -200), 6.0e6, n=18, irr=0.06, aspect=1.9, rot=ctx.puli.rotation(1300))),
    ]
    for nm, area in P["key_towns"].items():
        code = ctx.code_of[nm]
        defs.append((nm + "重点集镇", "key_town", None, code, KEY_PLAN,
                     "sample: the plan names 东里和江里重点集镇 without listing them; choosing %s is a sample, not the "
                     "plan's list; area drawn schematically around the sourced %s seat (PROVENANCE §2.7)" % (nm, nm),
                     blob(ctx.locate({"seat": code}), area)))
    for nm, r in P["resettlement"].items():
        # later anchors may refer to earlier zones, so register as we go
        rot = ctx.rotation(r["rot"], r["at"], rng)
        mp = blob(ctx.place(r), r["area_m2"], n=14, irr=0.08, aspect=r["aspect"], rot=rot)
        defs.append((nm, "resettlement", r["capacity"], r["township"], RESETTLE_PLAN[nm],
                     "%s; %s%s" % (ctx.note(r), SAMPLE_CAPACITY, NO_COORD), mp))

    zones = []
    for i, (nm, kind, cap, tcode, quote, srcnote, mp) in enumerate(defs, start=1):
        check(quote in ctx.text, "zone %s: plan_text is not a verbatim quote" % nm)
        zones.append({"id": i, "name": nm, "kind": kind, "capacity_households": cap, "township_code": tcode,
                      "plan_text": quote, "source": srcnote, "mp": mp})
    ctx.zones = zones
    ctx.zone_by_name = {z["name"]: z for z in zones}
    check_relations(ctx)
    features = []
    for z in zones:
        props = {"name": z["name"], "kind": z["kind"], "capacity_households": z["capacity_households"],
                 "township_code": z["township_code"], "plan_text": z["plan_text"]}
        props.update(honesty(z["source"], "schematic", True))
        g = mp_geom(z["mp"])
        ctx.chk_geom(g, "zone %s" % z["name"])
        features.append(feature(z["id"], props, g))
    return features


def check_relations(ctx):
    """The zone nesting and overlaps documented in gis-data/README.md."""
    zb = ctx.zone_by_name
    pilot, puli, pxq = zb["环汉丰湖片区"], zb["浦里高新区"], zb["浦里新区"]
    r10, r11 = zb["环汉丰湖居民自建房安置区"], zb["浦里高新区产业园区周边农民搬迁集聚社区"]
    check(mp_within(r10["mp"], pilot["mp"]), "环汉丰湖居民自建房安置区 must lie inside 环汉丰湖片区")
    check(mp_intersects(pxq["mp"], puli["mp"]), "浦里新区 must overlap 浦里高新区")
    check(not mp_intersects(r11["mp"], puli["mp"]) and not mp_intersects(r11["mp"], pxq["mp"]),
          "%s must lie beside, not inside, the Puli zone" % r11["name"])
    allowed = {frozenset((pilot["id"], r10["id"])), frozenset((puli["id"], pxq["id"]))}
    for i, a in enumerate(ctx.zones):
        for b in ctx.zones[i + 1:]:
            if frozenset((a["id"], b["id"])) not in allowed:
                check(not mp_intersects(a["mp"], b["mp"]), "zones %s and %s overlap" % (a["name"], b["name"]))
    ctx.zone_parent = {r10["id"]: pilot["id"]}     # zone nesting used for parcel assignment
