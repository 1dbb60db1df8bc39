"""facilities.geojson: facilities the plan names, sample facilities around the resettlement areas, and the two
in-district railway stations of OpenStreetMap (sourced points)."""

import math
import random

from ..checks import check
from ..context import NO_COORD
from ..gk4545 import ll
from ..output import feature, honesty
from ..planar import dist_point_mp_m
from ..shapes import centroid_xy
from .. import sources
from .projects import point_precision

# The living-circle kinds; railway_station is a facility but no living-circle need.
LIVING_KINDS = ["school", "clinic", "hospital", "market", "elderly_care", "childcare", "park"]
KINDS = LIVING_KINDS + ["railway_station"]
KIND_CN = {"school": "小学", "clinic": "社区卫生服务站", "hospital": "医院", "market": "农贸市场",
           "elderly_care": "养老服务站", "childcare": "托育点", "park": "社区公园"}
OSM = ("OpenStreetMap railway station (railway=station), © OpenStreetMap contributors, ODbL 1.0; extract "
       "OpenQGIS/OMap-GeoDB @ 29eeb63f oData-railway-station (early 2025), WGS84 (≈CGCS2000) (PROVENANCE §2.8; file %s)"
       % sources.STATIONS_FILE)


def station_name(name):
    return name + "站" if name else "未命名火车站（OSM）"


def build(ctx):
    P = ctx.placement
    rng = random.Random(1000)
    fac = []   # (kind, name, planned, project_id, source, precision, illustrative, lonlat)
    for f in P["named_facilities"]:
        if f["project_id"] is None:
            check(f["name"] in ctx.text, "facility name %s not in the plan text" % f["name"])
        pt = ll(*ctx.place(f))
        prec = point_precision(ctx, f["name"], {"type": "Point", "coordinates": pt})
        fac.append((f["kind"], f["name"], f["planned"], f["project_id"],
                    "%s; position %s; %s" % (ctx.note(f), prec, NO_COORD), prec, True, pt))
    for zname, spec in P["sample_facilities"].items():
        zc = centroid_xy(ctx.zone_by_name[zname]["mp"][0])
        seen = {}
        lo, hi = spec.get("distance_m", P["sample_facility_distance_m"])
        for kind in spec["kinds"]:
            seen[kind] = seen.get(kind, 0) + 1
            ang, dist = rng.uniform(0, 2 * math.pi), rng.uniform(lo, hi)
            pt = ll(zc[0] + dist * math.cos(ang), zc[1] + dist * math.sin(ang))
            nm = "%s配套%s%s（示意）" % (spec["short"], KIND_CN[kind], "" if seen[kind] == 1 else str(seen[kind]))
            fac.append((kind, nm, False, None, "sample facility, not from the plan (stands in for official facility "
                        "data); placed %d m from the centre of the schematic zone '%s'; %s" % (round(dist), zname, NO_COORD),
                        "schematic", True, pt))
    for s in ctx.stations:
        label = "'%s'" % s["name"] if s["name"] else "no name in OSM; which line and station it is was not verified"
        fac.append(("railway_station", station_name(s["name"]), False, None, "%s; %s" % (OSM, label),
                    "sourced_point", False, s["lonlat"]))
    features = []
    for i, (kind, nm, planned, pid, src, prec, illustrative, pt) in enumerate(fac, start=1):
        check(kind in KINDS, "facility kind %s" % kind)
        check(pid is None or pid in ctx.proj_geom, "facility %s: unknown project_id" % nm)
        props = {"kind": kind, "name": nm, "planned": planned, "project_id": pid}
        props.update(honesty(src, prec, illustrative))
        geom = {"type": "Point", "coordinates": pt}
        ctx.chk_geom(geom, "facility %s" % nm)
        features.append(feature(i, props, geom))
    check(len(ctx.stations) == 2, "two in-district stations expected, got %d" % len(ctx.stations))
    sample_count = sum(1 for f in fac if f[4].startswith("sample facility"))
    check(20 <= sample_count <= 40, "sample facilities %d not in 20..40" % sample_count)
    check({f[0] for f in fac} == set(KINDS), "every facility kind must occur")
    gaps = {}
    for z in ctx.zones:
        if z["kind"] == "resettlement":
            near = {f[0] for f in fac if dist_point_mp_m(f[7], z["mp"]) <= 1000.0}
            missing = [k for k in LIVING_KINDS if k not in near]
            if missing:
                gaps[z["name"]] = missing
    check(len(gaps) >= 1, "at least one resettlement zone must lack some facility kind within 1000 m")
    ctx.facility_gaps = gaps
    return features
