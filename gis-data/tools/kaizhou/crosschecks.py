"""Checks across layers, on the final features: parcels in their zones, flows ending in theirs, every feature within
3 km of the seat of the township it names."""

from .checks import check
from .naming import NAMED_TOWN_MAX_M, geometry_distance_m, measured_geometry, named_by
from .planar import mp_intersects, mp_within, point_in_polygon


def check_parcels_and_flows(ctx, layers):
    codes = set(ctx.seat_pos)
    zone_mp = {z["id"]: z["mp"] for z in ctx.zones}
    for f in layers["zones"]:
        tc = f["properties"]["township_code"]
        check(tc is None or tc in codes, "zone %d: unknown township_code" % f["id"])
    parcels = layers["parcels"]
    for i, a in enumerate(parcels):
        pa = a["geometry"]["coordinates"]
        check(a["properties"]["township_code"] in codes, "parcel %d: unknown township_code" % a["id"])
        zid = a["properties"]["zone_id"]
        check(mp_within(pa, zone_mp[zid]), "parcel %d not inside its zone %d" % (a["id"], zid))
        for z in ctx.zones:   # inside exactly one zone, apart from the zone that contains its own zone
            if z["id"] not in (zid, ctx.zone_parent.get(zid)):
                check(not mp_intersects(pa, z["mp"]), "parcel %d touches zone %d" % (a["id"], z["id"]))
        for b in parcels[i + 1:]:
            check(not mp_intersects(pa, b["geometry"]["coordinates"]), "parcels %d and %d overlap" % (a["id"], b["id"]))
    res_ids = {z["id"] for z in ctx.zones if z["kind"] == "resettlement"}
    for f in layers["relocation_flows"]:
        p = f["properties"]
        check(p["destination_zone"] in res_ids, "flow %d: destination is not a resettlement zone" % f["id"])
        check(any(point_in_polygon(f["geometry"]["coordinates"][-1], poly) for poly in zone_mp[p["destination_zone"]]),
              "flow %d: end point outside its destination zone" % f["id"])
        check(p["origin_code"] in codes or p["origin_code"] in ("TDSK", "GH-01", "GH-02"), "flow origin code")


def far_from_named_town(ctx, layers):
    """[(layer, id, code, metres)] of features farther than 3 km from the sourced seat of the township they name."""
    far = []
    for layer, feats in layers.items():
        for f in feats:
            code = named_by(layer, f["properties"], ctx.townships)
            if code is None or code not in ctx.sourced_seats:
                continue
            d = geometry_distance_m(measured_geometry(layer, f["geometry"]), ctx.sourced_seats[code])
            if d > NAMED_TOWN_MAX_M:
                far.append((layer, f["id"], code, round(d)))
    return far
