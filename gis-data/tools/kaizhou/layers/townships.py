"""townships.geojson: the 40 units with their seats, from the sourced seat file (and places.csv for 汉丰街道)."""

from ..checks import check
from ..output import feature, honesty
from .. import sources

AMAP = ("Vonng/adcode @ b755d6e4 data/adcode/500154.csv (Amap district API centre point of the unit, normally its "
        "government seat; CC BY 4.0 as stated by the repository, Amap terms apply), converted from GCJ-02 to WGS84 "
        "(≈CGCS2000) by iterative inversion of the public formula (PROVENANCE §2.7, §3; file %s)" % sources.SEATS_FILE)
HANFENG = ("places.csv row '开州区 district seat point (Amap district 'center')': Amap district 'center' "
           "108.413317,31.167735 (GCJ-02) converted to WGS84 108.4087008,31.1697942 (PROVENANCE §2.6). The district "
           "government sits in 汉丰街道 and the seat file has no point for it; used here as the 汉丰街道 seat")


def build(ctx):
    features = []
    for r in ctx.townships:
        code, name = r["code"], r["name"]
        if code == sources.HANFENG:
            check(name == "汉丰街道", "%s is not 汉丰街道" % code)
            h = honesty(HANFENG, "sourced_point", False)
        elif code in ctx.amap_seats:
            seat = ctx.amap_seats[code]
            check(seat["name"] == name, "seat %s is %s in the seat file, %s in townships.csv" % (code, seat["name"], name))
            renamed = "; listed in the source as %s (%s)" % (seat["name_in_source"], seat["note"]) if seat["note"] else ""
            h = honesty(AMAP + renamed, "sourced_point", False)
        else:
            h = honesty("schematic: %s; code/name/type from townships.csv (NBS 2023 edition)" % ctx.note(ctx.zhendong),
                        "schematic", True)
        props = {"code": code, "name": name, "type": r["type"]}
        props.update(h)
        geom = {"type": "Point", "coordinates": ctx.seat_pos[code]}
        ctx.chk_geom(geom, "township %s" % name)
        features.append(feature(int(code), props, geom))
    check(sum(1 for f in features if f["properties"]["location_precision"] == "sourced_point") == 39,
          "39 of the 40 seats must be sourced")
    return features
