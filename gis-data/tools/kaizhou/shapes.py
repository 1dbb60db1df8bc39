"""Shapes built in EPSG:4545 metres and written back as rounded lon/lat rings."""

import math

from .gk4545 import ll, ring_area_m2, xy
from .planar import signed_area_deg


def close_ring(pts):
    out = []
    for p in pts:
        if not out or out[-1] != p:
            out.append(p)
    if out[0] == out[-1]:
        out.pop()
    out.append(list(out[0]))
    return out


def make_ccw(ring, ccw=True):
    a = signed_area_deg(ring)
    if (a > 0) != ccw:
        ring = list(reversed(ring))
    return ring


def shape_unit(n, rng=None, irr=0.0, start=0.0):
    """Unit star-shaped polygon (radius ~1) with n vertices; irregular if irr > 0."""
    pts = []
    for k in range(n):
        ang = start + 2 * math.pi * k / n
        if rng is not None and irr > 0:
            ang += (rng.random() - 0.5) * (2 * math.pi / n) * 0.5
            r = 1.0 + irr * (2 * rng.random() - 1)
        else:
            r = 1.0
        pts.append((r * math.cos(ang), r * math.sin(ang)))
    return pts


def place_shape(center_xy, unit, scale, aspect=1.0, rot_deg=0.0):
    """Map a unit shape: stretch x by aspect, rotate, scale, translate -> lon/lat ring (CCW, closed)."""
    cx, cy = center_xy
    c, s = math.cos(math.radians(rot_deg)), math.sin(math.radians(rot_deg))
    sa = math.sqrt(aspect)
    pts = []
    for ux, uy in unit:
        x, y = ux * sa, uy / sa
        pts.append(ll(cx + scale * (c * x - s * y), cy + scale * (s * x + c * y)))
    return make_ccw(close_ring(pts))


def shape_with_area(center_xy, unit, area_m2, aspect=1.0, rot_deg=0.0):
    """Scale a unit shape so that its EPSG:4545 area equals area_m2 (after rounding)."""
    scale = 1000.0
    for _ in range(6):
        ring = place_shape(center_xy, unit, scale, aspect, rot_deg)
        a = abs(ring_area_m2(ring))
        if abs(a - area_m2) / area_m2 < 1e-6:
            break
        scale *= math.sqrt(area_m2 / a)
    return ring


def ellipse_ring(center_xy, a_m, b_m, n=48, rot_deg=0.0):
    unit = [(math.cos(2 * math.pi * k / n), math.sin(2 * math.pi * k / n)) for k in range(n)]
    return place_shape(center_xy, unit, math.sqrt(a_m * b_m), aspect=a_m / b_m, rot_deg=rot_deg)


def mp_geom(mp):
    return {"type": "MultiPolygon", "coordinates": mp}


def centroid_xy(poly):
    ring = poly[0]
    pts = [xy(*p) for p in ring]
    A = cx = cy = 0.0
    for i in range(len(pts) - 1):
        c = pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1]
        A += c
        cx += (pts[i][0] + pts[i + 1][0]) * c
        cy += (pts[i][1] + pts[i + 1][1]) * c
    A /= 2.0
    return (cx / (6 * A), cy / (6 * A))

