"""Which township a feature names, and how far it lies from that township's seat.

The rule is the one `check-data` applies (src/Geo.Core/Plan/TownshipDistances.cs): zones and parcels name a township
by `township_code`, relocation flows by `origin_code` (measured from the origin point), projects by `place`,
facilities and constraints by `name`. A text names a township by its full name (临江镇) or by the name without its
type suffix (临江), except 汉丰 in 汉丰湖, which is the lake. The first name in the text counts.
"""

import math

from .gk4545 import xy
from .planar import dist_point_mp_m

SUFFIXES = ("街道", "镇", "乡")
LAKE_WORDS = ("汉丰湖",)

# The rule of the issue: within 3 km of the seat of the township a feature names (check-data flags the rest), and
# "approximate" only within about 1 km of a sourced point for the named place.
NAMED_TOWN_MAX_M = 3000.0
APPROXIMATE_MAX_M = 1000.0


def stem(name):
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 1:
            return name[:-len(s)]
    return name


def named_township(text, townships):
    """The code of the first township the text names, or None. townships: [{"code", "name"}]."""
    if not text:
        return None
    masked = text
    for w in LAKE_WORDS:
        masked = masked.replace(w, "\0" * len(w))
    best = None
    for t in townships:
        for word in (t["name"], stem(t["name"])):
            i = masked.find(word)
            if i >= 0 and (best is None or (i, -len(word)) < (best[0], -best[1])):
                best = (i, len(word), t["code"])
    return best[2] if best else None


def distance_m(lonlat_a, lonlat_b):
    a, b = xy(*lonlat_a), xy(*lonlat_b)
    return math.hypot(a[0] - b[0], a[1] - b[1])


def geometry_distance_m(geom, lonlat):
    """Distance in EPSG:4545 from a point to a geometry (0 inside a polygon; a line counts by its vertices)."""
    t, c = geom["type"], geom["coordinates"]
    if t == "Point":
        return distance_m(c, lonlat)
    if t == "LineString":
        return min(distance_m(p, lonlat) for p in c)
    mp = [c] if t == "Polygon" else c
    return dist_point_mp_m(lonlat, mp)


def named_by(layer, props, townships):
    """The township code a feature of a layer names (None when it names none)."""
    if layer in ("zones", "parcels"):
        return props.get("township_code")
    if layer == "relocation_flows":
        code = props.get("origin_code")
        return code if any(t["code"] == code for t in townships) else None
    if layer == "projects":
        return named_township(props.get("place"), townships)
    if layer in ("facilities", "constraints"):
        return named_township(props.get("name"), townships)
    return None


def measured_geometry(layer, geom):
    """The part of a feature the distance is measured from: a flow's origin, otherwise the whole geometry."""
    if layer == "relocation_flows":
        return {"type": "Point", "coordinates": geom["coordinates"][0]}
    return geom
