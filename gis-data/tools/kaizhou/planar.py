"""Planar geometry on lon/lat rings (topology checks) and distances measured in EPSG:4545."""

import math

from .gk4545 import xy


def signed_area_deg(ring):
    s = 0.0
    for i in range(len(ring) - 1):
        s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
    return s / 2.0


def orient(p, q, r):
    v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return 0 if v == 0 else (1 if v > 0 else -1)


def on_seg(p, q, r):
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def seg_intersect(p1, p2, p3, p4):
    """True if closed segments p1p2 and p3p4 share any point."""
    if (max(p1[0], p2[0]) < min(p3[0], p4[0]) or max(p3[0], p4[0]) < min(p1[0], p2[0]) or
            max(p1[1], p2[1]) < min(p3[1], p4[1]) or max(p3[1], p4[1]) < min(p1[1], p2[1])):
        return False
    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    if o1 == 0 and on_seg(p1, p3, p2):
        return True
    if o2 == 0 and on_seg(p1, p4, p2):
        return True
    if o3 == 0 and on_seg(p3, p1, p4):
        return True
    if o4 == 0 and on_seg(p3, p2, p4):
        return True
    return False


def ring_self_intersects(ring):
    """Simple O(n²) test of every pair of non-adjacent edges of a closed ring."""
    n = len(ring) - 1
    boxes = []
    for i in range(n):
        a, b = ring[i], ring[i + 1]
        boxes.append((min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])))
    for i in range(n):
        bi = boxes[i]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            bj = boxes[j]
            if bi[1] < bj[0] or bj[1] < bi[0] or bi[3] < bj[2] or bj[3] < bi[2]:
                continue
            if seg_intersect(ring[i], ring[i + 1], ring[j], ring[j + 1]):
                return (i, j)
    return None


def point_in_ring(pt, ring):
    x, y = pt
    inside = False
    for i in range(len(ring) - 1):
        x1, y1 = ring[i]
        x2, y2 = ring[i + 1]
        if (y1 > y) != (y2 > y):
            xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if xc > x:
                inside = not inside
    return inside


def point_in_polygon(pt, poly):
    if not point_in_ring(pt, poly[0]):
        return False
    return not any(point_in_ring(pt, h) for h in poly[1:])


def edges(poly):
    for ring in poly:
        for i in range(len(ring) - 1):
            yield ring[i], ring[i + 1]


def polys_intersect(A, B):
    for a1, a2 in edges(A):
        for b1, b2 in edges(B):
            if seg_intersect(a1, a2, b1, b2):
                return True
    return point_in_polygon(A[0][0], B) or point_in_polygon(B[0][0], A)


def poly_within(A, B):
    if not all(point_in_polygon(p, B) for p in A[0]):
        return False
    for a1, a2 in edges([A[0]]):
        for b1, b2 in edges(B):
            if seg_intersect(a1, a2, b1, b2):
                return False
    return True


def mp_intersects(MA, MB):
    return any(polys_intersect(a, b) for a in MA for b in MB)


def mp_within(MA, MB):
    return all(any(poly_within(a, b) for b in MB) for a in MA)


def convex_hull(points):
    pts = sorted(set((p[0], p[1]) for p in points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]     # CCW


def dist_point_seg(p, a, b):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / L))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def dist_point_mp_m(pt, mp):
    """Distance (m, in EPSG:4545) from a lon/lat point to a MultiPolygon (0 inside)."""
    if any(point_in_polygon(pt, poly) for poly in mp):
        return 0.0
    P = xy(*pt)
    best = float("inf")
    for poly in mp:
        for a, b in edges(poly):
            best = min(best, dist_point_seg(P, xy(*a), xy(*b)))
    return best


class District:
    """District ring with a grid index for fast edge-crossing tests."""

    def __init__(self, ring):
        self.ring = ring
        self.poly = [ring]
        self.cell = 0.02
        self.grid = {}
        for i in range(len(ring) - 1):
            a, b = ring[i], ring[i + 1]
            for cx in range(self._c(min(a[0], b[0])), self._c(max(a[0], b[0])) + 1):
                for cy in range(self._c(min(a[1], b[1])), self._c(max(a[1], b[1])) + 1):
                    self.grid.setdefault((cx, cy), []).append(i)

    def _c(self, v):
        return int(math.floor(v / self.cell))

    def contains_point(self, p):
        return point_in_ring(p, self.ring)

    def crosses(self, a, b):
        seen = set()
        for cx in range(self._c(min(a[0], b[0])), self._c(max(a[0], b[0])) + 1):
            for cy in range(self._c(min(a[1], b[1])), self._c(max(a[1], b[1])) + 1):
                for i in self.grid.get((cx, cy), ()):
                    if i in seen:
                        continue
                    seen.add(i)
                    if seg_intersect(a, b, self.ring[i], self.ring[i + 1]):
                        return True
        return False

    def contains_geometry(self, g):
        t, c = g["type"], g["coordinates"]
        if t == "Point":
            return self.contains_point(c)
        if t == "LineString":
            lines = [c]
        elif t == "Polygon":
            lines = c
        else:
            lines = [r for p in c for r in p]
        for line in lines:
            if not all(self.contains_point(p) for p in line):
                return False
            for i in range(len(line) - 1):
                if self.crosses(line[i], line[i + 1]):
                    return False
        return True

