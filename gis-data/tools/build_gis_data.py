#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Build every file in gis-data/ for the Kaizhou (开州区) "小县大城" pilot plan.

Run from the repository root:

    python3 gis-data/tools/build_gis_data.py

* Python 3.11 standard library only.
* Deterministic: fixed random seeds, fixed output order; re-running rewrites
  byte-identical files.
* Every table is PARSED from the plan text (names, scopes, owners and figures are
  copied verbatim, never retyped).
* Positions: only the district outline and two points (places.csv) are sourced.
  Everything else is placed from general knowledge or drawn schematically and is
  labelled as such in the `source`, `location_precision` and `illustrative`
  properties of every feature (see gis-data/README.md).
* The script ends with self-checks and exits non-zero ("BUILD CHECK FAILED") if
  any check fails.

Inputs (first existing path wins):
  plan text : $KAIZHOU_PLAN, <repo>/seeds/000_c57c5d1e7f7efbfe.txt,
              /work/shared/seeds/000_c57c5d1e7f7efbfe.txt
  geodata   : $KAIZHOU_GIS_SOURCES, gis-data/sources/, /work/shared/gis-sources/
"""

import calendar
import csv
import json
import math
import os
import random
import re
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
GIS = os.path.dirname(TOOLS)
REPO = os.path.dirname(GIS)
PLAN_FILE = "000_c57c5d1e7f7efbfe.txt"


def first_existing(paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    raise SystemExit("input not found; tried: " + ", ".join(p for p in paths if p))


PLAN_PATH = first_existing([os.environ.get("KAIZHOU_PLAN"),
                            os.path.join(REPO, "seeds", PLAN_FILE),
                            "/work/shared/seeds/" + PLAN_FILE])
SRC_DIR = first_existing([os.environ.get("KAIZHOU_GIS_SOURCES"),
                          os.path.join(GIS, "sources"),
                          "/work/shared/gis-sources"])
BOUNDARY_FILE = "kaizhou_500154_amap_hires_wgs84.geojson"

NO_COORD = "no sourced coordinate exists (PROVENANCE §4)"
PROV_DISTRICT = ("shfshanyue/china-geojson data/500154.json @ commit 87a30e47dfb11dd9c1b3e2c6f3f6f4418419b370 "
                 "(Amap district API outline, GCJ-02, 2377 vertices), converted from GCJ-02 to WGS84 "
                 "(≈CGCS2000) by iterative inversion of the public GCJ-02 formula "
                 "(PROVENANCE §2.3, §2.4, §3; file kaizhou_500154_amap_hires_wgs84.geojson)")


class CheckFailed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckFailed(msg)


# ---------------------------------------------------------------------------
# 1. Plan text parsing
# ---------------------------------------------------------------------------

def read_plan():
    with open(PLAN_PATH, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    marks = []
    for i, line in enumerate(lines):
        m = re.fullmatch(r"附件([1-4])", line.strip())
        if m:
            marks.append((i, int(m.group(1))))
    check([k for _, k in marks] == [1, 2, 3, 4], "expected the markers 附件1..附件4 once each, got %r" % marks)
    sections = {}
    for j, (i, k) in enumerate(marks):
        end = marks[j + 1][0] if j + 1 < len(marks) else len(lines)
        sections[k] = lines[i + 1:end]
    return text, lines[:marks[0][0]], sections


def table_rows(lines):
    """Tab-indented table: a line starting with TAB opens a cell; a TAB line that
    follows a blank line opens a new row; a non-TAB, non-blank line continues the
    previous cell (cells split over several lines)."""
    rows, row, prev_blank = [], None, False
    for line in lines:
        if line.startswith("\t"):
            if row is None or prev_blank:
                row = []
                rows.append(row)
            row.append([line[1:]])
            prev_blank = False
        elif line.strip() == "":
            prev_blank = True
        else:
            if row is not None:
                row[-1].append(line)
            prev_blank = False
    return rows


def cell(frags, sep=""):
    return sep.join(f.strip() for f in frags if f.strip() != "")


def parse_indicators(sec):
    rows = table_rows(sec)
    header = [cell(c) for c in rows[0]]
    check(header == ["序号", "指标名称", "2025年", "区级牵头单位", "备注"], "附件1 header: %r" % header)
    out = []
    for r in rows[1:]:
        check(len(r) == 5, "附件1 row with %d cells: %r" % (len(r), r))
        name, target = cell(r[1]), cell(r[2])
        m = re.fullmatch(r"(≥|≤)?([0-9]+(?:\.[0-9]+)?)(%|个百分点)?(左右)?", target)
        check(m is not None, "附件1 target not understood: %r" % target)
        if m.group(1):
            comparator = {"≥": ">=", "≤": "<="}[m.group(1)]
        elif m.group(4) or "约" in target:
            comparator = "~"
        else:
            comparator = "="
        pm = re.search(r"（([^（）]+)）$", name)
        unit = pm.group(1) if pm else (m.group(3) or "")
        out.append({"id": int(cell(r[0])), "name": name, "target_text": target, "comparator": comparator,
                    "target_value": m.group(2), "target_unit": unit,
                    "lead_unit": cell(r[3], "、"), "remarks": cell(r[4])})
    return out


def parse_simple_list(sec, title):
    rows = table_rows(sec)
    header = [cell(c) for c in rows[0]]
    check(header == ["序号", title, "区级牵头单位", "备注"], "%s header: %r" % (title, header))
    out = []
    for r in rows[1:]:
        check(len(r) == 4, "%s row with %d cells" % (title, len(r)))
        out.append({"id": int(cell(r[0])), "text": cell(r[1]), "lead_unit": cell(r[2], "、"),
                    "remarks": cell(r[3])})
    return out


CATEGORY_KEYS = {"一": "resettlement", "二": "industry", "三": "employment", "四": "public_service",
                 "五": "municipal"}
GROUP_RE = re.compile(r"（([一二三四五])）(.+?)(\d+)个")
TOTAL_RE = re.compile(r"合计项目(\d+)个.*")


def number(s):
    s = s.strip()
    check(re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", s) is not None, "not a number: %r" % s)
    v = float(s)
    return int(v) if v == int(v) else v


def summary_value(r):
    vals = [cell(c) for c in r[1:]]
    nums = [v for v in vals if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", v)]
    check(len(nums) == 1, "summary row without exactly one number: %r" % vals)
    return number(nums[0])


def parse_projects(sec):
    rows = table_rows(sec)
    header = [cell(c) for c in rows[0]]
    check(header == ["序号", "项目名称", "项目业主", "投资类别", "建设年限", "主要建设内容及规模", "计划总投资",
                     "牵头单位", "备注"], "附件4 header: %r" % header)
    total = None
    summary, headings, projects = {}, {}, []
    current = None
    for r in rows[1:]:
        first = cell(r[0])
        if TOTAL_RE.fullmatch(first):
            total = {"count": int(TOTAL_RE.fullmatch(first).group(1)), "value": summary_value(r), "text": first,
                     "row": "附件4 (单位：万元) 合计 row: " + " | ".join(cell(c) for c in r if cell(c))}
            continue
        g = GROUP_RE.fullmatch(first)
        if g:
            rec = {"group_no": g.group(1), "category": CATEGORY_KEYS[g.group(1)], "category_name": g.group(2),
                   "count": int(g.group(3)), "total": summary_value(r), "text": first}
            if not projects and g.group(1) not in summary:
                summary[g.group(1)] = rec          # 合计 block (before the first project)
            else:
                check(g.group(1) not in headings, "group heading repeated: %s" % first)
                headings[g.group(1)] = rec         # the group's own section heading
                current = rec
            continue
        check(re.fullmatch(r"\d+", first) is not None, "unexpected 附件4 row: %r" % first)
        check(len(r) == 9, "附件4 project row %s has %d cells" % (first, len(r)))
        check(current is not None, "project before any group heading")
        period = cell(r[4])
        pm = re.fullmatch(r"(\d{4})(?:—(\d{4}))?", period)
        check(pm is not None, "建设年限 not understood: %r" % period)
        start = int(pm.group(1))
        end = int(pm.group(2)) if pm.group(2) else start
        funding = cell(r[3])
        check(funding in ("政府", "市场"), "投资类别 %r" % funding)
        projects.append({"id": int(first), "name": cell(r[1]), "owner": cell(r[2]), "funding": funding,
                         "period": period, "start_year": start, "end_year": end, "scope": cell(r[5]),
                         "investment_wan": number(cell(r[6])), "lead_unit": cell(r[7], "、"),
                         "remarks": cell(r[8]), "category": current["category"],
                         "category_name": current["category_name"], "group_no": current["group_no"]})
    check(total is not None, "合计 row not found")
    return total, summary, headings, projects


MU = 10000.0 / 15.0   # 1 亩 in m²
AREA_RE = re.compile(r"(?:项目)?(?:占地|征地)([0-9]+(?:\.[0-9]+)?)(公顷|亩)(?:（[^）]*）)?")


def stated_area(scope):
    """Footprint area stated in a scope text: (m², exact phrase) or (None, None).
    Only 占地/征地 phrases count; '新征用地…亩' (land acquisition for a road) does not."""
    m = AREA_RE.search(scope)
    if not m:
        return None, None
    v = float(m.group(1))
    m2 = v * 10000.0 if m.group(2) == "公顷" else v * MU
    return round(m2, 2), m.group(0)


def parse_milestones(main_lines):
    out = []
    for line in main_lines:
        m = re.fullmatch(r"((\d{4})年(\d{1,2})月底前)，(.+?)[；。]", line.strip())
        if m:
            y, mo = int(m.group(2)), int(m.group(3))
            d = calendar.monthrange(y, mo)[1]
            out.append({"id": len(out) + 1, "due_date": "%04d-%02d-%02d" % (y, mo, d),
                        "due_text": m.group(1), "deliverable": m.group(4)})
    return out


# ---------------------------------------------------------------------------
# 2. EPSG:4545 - CGCS2000 / 3-degree Gauss-Kruger CM 108E
#    Transverse Mercator, Krüger n-series (EPSG Guidance Note 7-2, method 9807)
# ---------------------------------------------------------------------------

class TM:
    a = 6378137.0
    f = 1.0 / 298.257222101
    lon0 = 108.0
    k0 = 1.0
    FE = 500000.0
    FN = 0.0

    def __init__(self):
        f = self.f
        self.e2 = f * (2 - f)
        self.e = math.sqrt(self.e2)
        n = f / (2 - f)
        self.B = self.a / (1 + n) * (1 + n ** 2 / 4 + n ** 4 / 64)
        self.h = [n / 2 - 2 * n ** 2 / 3 + 5 * n ** 3 / 16 + 41 * n ** 4 / 180,
                  13 * n ** 2 / 48 - 3 * n ** 3 / 5 + 557 * n ** 4 / 1440,
                  61 * n ** 3 / 240 - 103 * n ** 4 / 140,
                  49561 * n ** 4 / 161280]
        self.hi = [n / 2 - 2 * n ** 2 / 3 + 37 * n ** 3 / 96 - n ** 4 / 360,
                   n ** 2 / 48 + n ** 3 / 15 - 437 * n ** 4 / 1440,
                   17 * n ** 3 / 480 - 37 * n ** 4 / 840,
                   4397 * n ** 4 / 161280]
        # latitude of origin = 0 -> M0 = 0

    def forward(self, lon, lat):
        phi = math.radians(lat)
        lam = math.radians(lon - self.lon0)
        e = self.e
        Q = math.asinh(math.tan(phi)) - e * math.atanh(e * math.sin(phi))
        beta = math.atan(math.sinh(Q))
        eta0 = math.atanh(math.cos(beta) * math.sin(lam))
        xi0 = math.asin(math.sin(beta) * math.cosh(eta0))
        xi, eta = xi0, eta0
        for k, hk in enumerate(self.h, start=1):
            xi += hk * math.sin(2 * k * xi0) * math.cosh(2 * k * eta0)
            eta += hk * math.cos(2 * k * xi0) * math.sinh(2 * k * eta0)
        return self.FE + self.k0 * self.B * eta, self.FN + self.k0 * self.B * xi

    def inverse(self, E, N):
        eta_ = (E - self.FE) / (self.B * self.k0)
        xi_ = (N - self.FN) / (self.B * self.k0)
        xi0, eta0 = xi_, eta_
        for k, hk in enumerate(self.hi, start=1):
            xi0 -= hk * math.sin(2 * k * xi_) * math.cosh(2 * k * eta_)
            eta0 -= hk * math.cos(2 * k * xi_) * math.sinh(2 * k * eta_)
        beta = math.asin(math.sin(xi0) / math.cosh(eta0))
        Q = math.asinh(math.tan(beta))
        Qi = Q
        for _ in range(30):
            Qn = Q + self.e * math.atanh(self.e * math.tanh(Qi))
            if abs(Qn - Qi) < 1e-15:
                Qi = Qn
                break
            Qi = Qn
        phi = math.atan(math.sinh(Qi))
        lam = math.asin(math.tanh(eta0) / math.cos(beta))
        return self.lon0 + math.degrees(lam), math.degrees(phi)


TMP = TM()


def xy(lon, lat):
    return TMP.forward(lon, lat)


def ll(x, y):
    lon, lat = TMP.inverse(x, y)
    return [round(lon, 7), round(lat, 7)]


def ring_area_m2(ring):
    """Shoelace area (m², signed, CCW positive) of a lon/lat ring in EPSG:4545."""
    pts = [xy(p[0], p[1]) for p in ring]
    s = 0.0
    for i in range(len(pts) - 1):
        s += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1]
    return s / 2.0


def polygon_area_m2(poly):
    return abs(ring_area_m2(poly[0])) - sum(abs(ring_area_m2(h)) for h in poly[1:])


def multipolygon_area_m2(mp):
    return sum(polygon_area_m2(p) for p in mp)


# ---------------------------------------------------------------------------
# 3. Planar geometry helpers (on lon/lat, for topology checks)
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# 4. Shape construction (in EPSG:4545 metres, written back as rounded lon/lat)
# ---------------------------------------------------------------------------

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


def offset_xy(base_xy, de, dn):
    return (base_xy[0] + de, base_xy[1] + dn)


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


# ---------------------------------------------------------------------------
# 5. Placement knowledge (approximate; NOT sourced - see README and PROVENANCE §4)
# ---------------------------------------------------------------------------

# Township seats: code -> (lon, lat, note). 汉丰街道 and 高桥镇 come from places.csv.
SEATS = {
    "500154002": (108.395, 31.146, "south shore of 汉丰湖, part of the city"),
    "500154003": (108.360, 31.180, "west part of the city, north-west of 汉丰湖"),
    "500154004": (108.452, 31.181, "east of the city"),
    "500154005": (108.449, 31.141, "south-east of the city, towards the 汉丰湖 regulating dam (乌杨村)"),
    "500154006": (108.352, 31.147, "south-west side of 汉丰湖"),
    "500154007": (108.329, 31.119, "south-west of the city, seat of the 浦里新区 industrial park address"),
    "500154008": (108.425, 31.206, "former 镇安镇, just north of the city"),
    "500154100": (108.300, 31.215, "west of the city"),
    "500154102": (108.345, 31.262, "north-west of the city"),
    "500154103": (108.410, 31.290, "north of the city"),
    "500154104": (108.520, 31.370, "north, 东河 valley (东里)"),
    "500154105": (108.545, 31.290, "north-east, 东河 valley (东里)"),
    "500154106": (108.600, 31.330, "north-east"),
    "500154107": (108.480, 31.430, "north, 东河 valley"),
    "500154108": (108.455, 31.335, "north of the city"),
    "500154109": (108.560, 31.515, "far north (mountainous)"),
    "500154110": (108.600, 31.420, "north-east"),
    "500154111": (108.235, 31.280, "west / north-west"),
    "500154113": (108.310, 31.330, "north-west"),
    "500154114": (108.340, 31.420, "north-west"),
    "500154115": (108.180, 31.190, "west"),
    "500154116": (108.120, 31.215, "west"),
    "500154117": (108.200, 31.120, "west (江里)"),
    "500154118": (108.490, 31.105, "south-east"),
    "500154119": (108.535, 31.168, "east"),
    "500154120": (108.520, 31.145, "east / south-east"),
    "500154121": (108.555, 31.255, "east"),
    "500154122": (108.170, 31.020, "south-west"),
    "500154123": (108.297, 31.062, "south-west, on 浦里河 near the Puli high-tech zone"),
    "500154124": (108.255, 31.035, "south-west, on 浦里河 (跳蹬水库 dam is in 南门镇 卷桥村 per slj.cq.gov.cn 2022-10-08, text only)"),
    "500154125": (108.420, 31.080, "south of the city"),
    "500154126": (108.840, 31.640, "far north-east (mountainous)"),
    "500154127": (108.700, 31.560, "north-east (mountainous; former 白泉乡)"),
    "500154201": (108.620, 31.600, "north (mountainous)"),
    "500154203": (108.530, 31.600, "north (mountainous)"),
    "500154204": (108.400, 31.460, "north"),
    "500154205": (108.300, 31.460, "north-west"),
    "500154206": (108.120, 30.930, "far south-west (浦里河 upper reaches, 跳蹬水库 area)"),
}

LAKE_CENTER = (108.397, 31.158)      # schematic 汉丰湖 centre
LAKE_A, LAKE_B = 6250.0, 764.0       # half-axes (m): 12.5 km long, pi*a*b = 15.0 km²
CITY_CENTER = (108.397, 31.163)
TDSK_POINT = (108.190, 30.985)       # 跳蹬水库 reservoir area (schematic)


# ---------------------------------------------------------------------------
# 6. Output helpers
# ---------------------------------------------------------------------------

def feature(fid, props, geom):
    check("id" not in props, "id must not be repeated in properties")
    return {"type": "Feature", "id": fid, "properties": props, "geometry": geom}


def write_geojson(name, features):
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(os.path.join(GIS, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_csv(name, header, rows):
    with open(os.path.join(GIS, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] if isinstance(r, dict) else r[i] for i, h in enumerate(header)])


def honesty(source, precision, illustrative):
    check(precision in ("surveyed", "sourced_point", "approximate", "schematic"), precision)
    return {"source": source, "location_precision": precision, "illustrative": illustrative}


# ---------------------------------------------------------------------------
# 7. Build
# ---------------------------------------------------------------------------

def main():
    text, main_lines, sec = read_plan()
    indicators = parse_indicators(sec[1])
    policies = parse_simple_list(sec[2], "重大政策")
    reforms = parse_simple_list(sec[3], "重大改革")
    total, summary, headings, projects = parse_projects(sec[4])
    milestones = parse_milestones(main_lines)

    # ---------------- plan checks ----------------
    check(len(indicators) == 15, "附件1: %d rows, expected 15" % len(indicators))
    check(len(policies) == 25, "附件2: %d rows, expected 25" % len(policies))
    check(len(reforms) == 19, "附件3: %d rows, expected 19" % len(reforms))
    check([r["id"] for r in indicators] == list(range(1, 16)), "附件1 序号")
    check([r["id"] for r in policies] == list(range(1, 26)), "附件2 序号")
    check([r["id"] for r in reforms] == list(range(1, 20)), "附件3 序号")
    check(len(projects) == 35, "附件4: %d projects, expected 35" % len(projects))
    check([p["id"] for p in projects] == list(range(1, 36)), "附件4 序号 not 1..35")
    check(total["count"] == 35, "合计项目 count %r" % total["count"])
    check(len(milestones) == 5, "进度安排: %d dated lines, expected 5" % len(milestones))
    check(sorted(summary) == sorted(headings) == sorted(CATEGORY_KEYS), "group rows incomplete")
    expected_heading_totals = {"一": 114152, "二": 145429, "三": 8556, "四": 104937, "五": 251128}
    inconsistencies = []
    grand = 0
    for g in "一二三四五":
        members = [p for p in projects if p["group_no"] == g]
        s = sum(p["investment_wan"] for p in members)
        grand += s
        check(headings[g]["total"] == expected_heading_totals[g],
              "group %s heading total %r differs from 附件4 value %r" % (g, headings[g]["total"], expected_heading_totals[g]))
        check(s == headings[g]["total"], "group %s: sum of projects %r != heading total %r" % (g, s, headings[g]["total"]))
        check(summary[g]["total"] == headings[g]["total"], "group %s: 合计 block total != heading total" % g)
        check(summary[g]["category_name"] == headings[g]["category_name"], "group %s name differs" % g)
        if summary[g]["count"] != len(members) or headings[g]["count"] != len(members):
            inconsistencies.append("group (%s) %s: 合计 block says %d, section heading says %d, %d projects listed"
                                   % (g, headings[g]["category_name"], summary[g]["count"], headings[g]["count"], len(members)))
    pm_ = re.search(r"试点期为(\d{4})年—(\d{4})年", text)
    check(pm_ is not None, "pilot period not found in the plan text")
    y0, y1 = int(pm_.group(1)), int(pm_.group(2))
    outside = ["%d (%s)" % (p["id"], p["period"]) for p in projects if p["start_year"] < y0 or p["end_year"] > y1]
    if outside:
        inconsistencies.append("projects whose 建设年限 extends outside the pilot period %d—%d: %s"
                               % (y0, y1, ", ".join(outside)))
    for p in projects:
        a_, phrase_ = stated_area(p["scope"])
        m_ = re.search(r"约([0-9]+)㎡", phrase_ or "")
        if m_ and abs(float(m_.group(1)) - a_) / a_ > 0.01:
            inconsistencies.append("project %d: %s -> %.2f m², but the text says 约%s㎡ (%.1f %% apart)"
                                   % (p["id"], phrase_, a_, m_.group(1), 100 * (float(m_.group(1)) - a_) / a_))
        m_ = re.search(r"(\d+)个乡镇", p["scope"])
        if m_:
            inconsistencies.append("project %d mentions %s个乡镇, but the district has 40 township-level units "
                                   "(townships.csv, NBS 2023)" % (p["id"], m_.group(1)))
    check(grand == 624202 and total["value"] == 624202, "grand total %r / 合计 %r != 624202" % (grand, total["value"]))
    check(sum(summary[g]["count"] for g in summary) == 35, "合计 block counts do not sum to 35")

    # ---------------- district ----------------
    with open(os.path.join(SRC_DIR, BOUNDARY_FILE), encoding="utf-8") as f:
        src = json.load(f)
    check(len(src["features"]) == 1, "boundary file must hold one feature")
    g = src["features"][0]["geometry"]
    check(g["type"] == "MultiPolygon" and len(g["coordinates"]) == 1 and len(g["coordinates"][0]) == 1,
          "boundary: expected a MultiPolygon with one ring")
    ring = [[p[0], p[1]] for p in g["coordinates"][0][0]]
    check(ring[0] == ring[-1], "boundary ring not closed")
    ring = make_ccw(ring)
    D = District(ring)
    district_mp = [[ring]]
    district_area_km2 = multipolygon_area_m2(district_mp) / 1e6

    def chk_geom(g, what):
        check(D.contains_geometry(g), "%s: geometry not entirely inside the district boundary" % what)

    # ---------------- townships ----------------
    with open(os.path.join(SRC_DIR, "townships.csv"), encoding="utf-8", newline="") as f:
        townships = list(csv.DictReader(f))
    check(len(townships) == 40, "townships.csv must have 40 rows")
    with open(os.path.join(SRC_DIR, "places.csv"), encoding="utf-8", newline="") as f:
        places = list(csv.DictReader(f))
    seat_row = [r for r in places if r["name"].startswith("开州区 district seat point") and r["crs"].startswith("WGS84")]
    gq_row = [r for r in places if r["name"].startswith("高桥镇")]
    check(len(seat_row) == 1 and len(gq_row) == 1, "places.csv rows not found")
    seat_pt = [float(seat_row[0]["lon"]), float(seat_row[0]["lat"])]
    gq_pt = [float(gq_row[0]["lon"]), float(gq_row[0]["lat"])]
    seat_pos = {}
    ts_features = []
    for r in townships:
        code, name, typ = r["code"], r["name"], r["type"]
        if code == "500154001":
            check(name == "汉丰街道", "500154001 is not 汉丰街道")
            pt = seat_pt
            h = honesty("places.csv row '开州区 district seat point (Amap district 'center')': Amap district "
                        "'center' 108.413317,31.167735 (GCJ-02) converted to WGS84 108.4087008,31.1697942 "
                        "(PROVENANCE §2.6). Amap's center normally marks the district government seat, which is "
                        "in 汉丰街道; used here as the 汉丰街道 point, not a surveyed office location",
                        "sourced_point", False)
        elif code == "500154112":
            check(name == "高桥镇", "500154112 is not 高桥镇")
            pt = gq_pt
            h = honesty("places.csv row '高桥镇 Gaoqiao town': German Wikipedia 'Gaoqiao (Kaizhou)' "
                        "31° 22′ N, 108° 15′ O - whole arc-minutes, about ±0.8-1.9 km; town seat assumed "
                        "(PROVENANCE §2.6)", "sourced_point", False)
        else:
            lon, lat, note = SEATS[code]
            pt = [lon, lat]
            h = honesty("position approximate: placed from general knowledge of the district's layout (%s); "
                        "%s. Code/name/type from townships.csv (NBS 2023 edition)" % (note, NO_COORD),
                        "approximate", True)
        seat_pos[code] = pt
        props = {"code": code, "name": name, "type": typ}
        props.update(h)
        geom = {"type": "Point", "coordinates": pt}
        chk_geom(geom, "township %s" % name)
        ts_features.append(feature(int(code), props, geom))
    name_of = {r["code"]: r["name"] for r in townships}
    code_of = {r["name"]: r["code"] for r in townships}

    def nearest_township(pt):
        P = xy(*pt)
        best = None
        for code, q in seat_pos.items():
            Q = xy(*q)
            d = math.hypot(P[0] - Q[0], P[1] - Q[1])
            if best is None or d < best[0]:
                best = (d, code)
        return best[1]

    # ---------------- zones ----------------
    rng_z = random.Random(20240730)
    lake_xy = xy(*LAKE_CENTER)
    city_xy = xy(*CITY_CENTER)
    lake_ring = make_ccw(ellipse_ring(lake_xy, LAKE_A, LAKE_B, n=48), ccw=False)        # hole: clockwise
    pilot_outer = ellipse_ring(city_xy, 8500.0, 4000.0, n=64)

    # Puli high-tech zone: 7 schematic blocks along a schematic 浦里河 axis, total 8.33 km².
    p_ne, p_sw = xy(108.343, 31.113), xy(108.262, 31.047)
    L = math.hypot(p_sw[0] - p_ne[0], p_sw[1] - p_ne[1])
    u = ((p_sw[0] - p_ne[0]) / L, (p_sw[1] - p_ne[1]) / L)      # along the axis, towards SW
    v = (-u[1], u[0])                                           # across the axis (+ = SE side)
    axis_rot = math.degrees(math.atan2(u[1], u[0]))

    def axis_pt(t, c):
        return (p_ne[0] + u[0] * t + v[0] * c, p_ne[1] + u[1] * t + v[1] * c)

    # (t along axis m, offset across m, area km², aspect, township)
    block_specs = [(0, 0, 1.00, 1.6, "500154007"), (1800, 300, 0.85, 1.5, "500154007"),
                   (3500, -200, 1.25, 1.5, "500154007"), (5600, 0, 2.20, 1.3, "500154123"),
                   (7700, 250, 1.05, 1.5, "500154123"), (9300, -100, 0.90, 1.5, "500154124"),
                   (10800, 0, 1.08, 1.5, "500154124")]
    check(abs(sum(b[2] for b in block_specs) - 8.33) < 1e-9, "Puli blocks must total 8.33 km²")
    puli_blocks = []
    for t, c, a_km2, asp, _ in block_specs:
        unit = shape_unit(14, rng_z, 0.05)
        puli_blocks.append([shape_with_area(axis_pt(t, c), unit, a_km2 * 1e6, asp, axis_rot)])

    def blob(center_xy, area_m2, n=16, irr=0.12, aspect=1.3, rot=None):
        unit = shape_unit(n, rng_z, irr)
        if rot is None:
            rot = rng_z.uniform(0, 180)
        return [[shape_with_area(center_xy, unit, area_m2, aspect, rot)]]

    key_towns = ["临江镇", "温泉镇", "郭家镇", "竹溪镇", "岳溪镇", "铁桥镇"]
    zone_defs = []   # (name, kind, capacity, township_code, plan_text, source, multipolygon)
    KEY_PLAN = "重点引导汉丰湖周边区域、浦里高新区、东里和江里重点集镇以及乡村振兴示范片"
    zone_defs.append(("环汉丰湖片区", "pilot_area", None, "500154001",
                      "务实推进环汉丰湖片区生态环境导向的开发（EOD）模式",
                      "schematic band around 汉丰湖: outer ellipse 17 km x 8 km around the city with the lake as a hole "
                      "(lake drawn as an ellipse 12.5 km long with ≈15 km² of water, general knowledge; the real lake has "
                      "arms and a 5.9 km N-S extent); covers 汉丰/文峰/云枫/镇东/丰乐/白鹤街道 approximately; " + NO_COORD,
                      [[pilot_outer, lake_ring]]))
    zone_defs.append(("浦里高新区", "high_tech_zone", None, "500154007", "集中发展环汉丰湖城区、浦里高新区",
                      "schematic: 重庆开州高新技术产业开发区 is 8.33 km² in 7 blocks along 浦里河 in 赵家街道, 长沙镇 and 南门镇 "
                      "(PROVENANCE §4, cq.gov.cn 2022-08-25, text only); drawn as 7 blocks totalling 8.33 km² in EPSG:4545 "
                      "on a schematic river axis; the official 四至 were not digitised; " + NO_COORD,
                      puli_blocks))
    zone_defs.append(("浦里新区", "high_tech_zone", None, "500154007",
                      "挖掘环汉丰湖、浦里新区城郊接合部国有土地及集体建设用地空间",
                      "schematic: 浦里新区 industrial park, address 赵家街道 (PROVENANCE §4, cqymx.org.cn, text only); drawn "
                      "as a 6 km² area around the north-eastern (赵家) blocks of the Puli zone, overlapping it; its real "
                      "extent is not known here (some web pages use 浦里新区 for a much larger planning area); " + NO_COORD,
                      blob(axis_pt(900, 0), 6.0e6, n=18, irr=0.06, aspect=1.9, rot=axis_rot)))
    kt_area = {"临江镇": 2.6e6, "温泉镇": 2.4e6, "郭家镇": 2.0e6, "竹溪镇": 2.2e6, "岳溪镇": 2.3e6, "铁桥镇": 1.9e6}
    for nm in key_towns:
        code = code_of[nm]
        zone_defs.append((nm + "重点集镇", "key_town", None, code, KEY_PLAN,
                          "sample: the plan names 东里和江里重点集镇 without listing them; choosing %s is a sample, not the "
                          "plan's list; area drawn schematically around the approximate town seat; %s" % (nm, NO_COORD),
                          blob(xy(*seat_pos[code]), kt_area[nm])))
    zone_defs.append(("环汉丰湖居民自建房安置区", "resettlement", 1200, "500154003",
                      "完善环汉丰湖居民自建房安置区基础设施配套",
                      "schematic area on the north-west shore of 汉丰湖 inside the 环汉丰湖片区; capacity_households is a "
                      "sample figure, not from the plan; " + NO_COORD,
                      blob(xy(108.372, 31.1725), 0.9e6, n=14, irr=0.08, aspect=1.8, rot=0)))
    zone_defs.append(("浦里高新区产业园区周边农民搬迁集聚社区", "resettlement", 1500, "500154123",
                      "在浦里高新区产业园区周边规划布局农民搬迁集聚社区",
                      "schematic area beside (north-west of) the 长沙 blocks of the Puli high-tech zone; capacity_households "
                      "is a sample figure, not from the plan; " + NO_COORD,
                      blob(axis_pt(6500, -1500), 1.0e6, n=14, irr=0.08, aspect=1.5, rot=axis_rot)))
    zone_defs.append(("竹溪高铁片区", "resettlement", 800, "500154118",
                      "鼓励跳蹬水库拆迁安置户进浦里高新区，竹溪和岳溪高铁片区就地安居乐业",
                      "schematic area west of the approximate 竹溪镇 seat (the station area is not located in any "
                      "source); capacity_households is a sample figure, not from the plan; " + NO_COORD,
                      blob(offset_xy(xy(*seat_pos["500154118"]), -2300, 300), 0.85e6, n=14, irr=0.08)))
    zone_defs.append(("岳溪高铁片区", "resettlement", 600, "500154122",
                      "鼓励跳蹬水库拆迁安置户进浦里高新区，竹溪和岳溪高铁片区就地安居乐业",
                      "schematic area east of the approximate 岳溪镇 seat (the station area is not located in any "
                      "source); capacity_households is a sample figure, not from the plan; " + NO_COORD,
                      blob(offset_xy(xy(*seat_pos["500154122"]), 2300, 400), 0.65e6, n=14, irr=0.08)))

    zones = []
    for i, (nm, kind, cap, tcode, quote, srcnote, mp) in enumerate(zone_defs, start=1):
        check(quote in text, "zone %s: plan_text is not a verbatim quote" % nm)
        zones.append({"id": i, "name": nm, "kind": kind, "capacity_households": cap, "township_code": tcode,
                      "plan_text": quote, "source": srcnote, "mp": mp})
    zone_by_name = {z["name"]: z for z in zones}
    Z_PILOT, Z_PULI, Z_PXQ = zone_by_name["环汉丰湖片区"], zone_by_name["浦里高新区"], zone_by_name["浦里新区"]
    Z_R10 = zone_by_name["环汉丰湖居民自建房安置区"]
    Z_R11 = zone_by_name["浦里高新区产业园区周边农民搬迁集聚社区"]
    Z_R12, Z_R13 = zone_by_name["竹溪高铁片区"], zone_by_name["岳溪高铁片区"]
    resettlement_zones = [z for z in zones if z["kind"] == "resettlement"]

    # zone relations (documented in README)
    check(mp_within(Z_R10["mp"], Z_PILOT["mp"]), "环汉丰湖居民自建房安置区 must lie inside 环汉丰湖片区")
    check(mp_intersects(Z_PXQ["mp"], Z_PULI["mp"]), "浦里新区 must overlap 浦里高新区")
    for z in (Z_R11,):
        check(not mp_intersects(z["mp"], Z_PULI["mp"]) and not mp_intersects(z["mp"], Z_PXQ["mp"]),
              "%s must lie beside, not inside, the Puli zone" % z["name"])
    for i, a in enumerate(zones):
        for b in zones[i + 1:]:
            allowed = {frozenset((Z_PILOT["id"], Z_R10["id"])), frozenset((Z_PULI["id"], Z_PXQ["id"]))}
            if frozenset((a["id"], b["id"])) not in allowed:
                check(not mp_intersects(a["mp"], b["mp"]), "zones %s and %s overlap" % (a["name"], b["name"]))
    parent = {Z_R10["id"]: Z_PILOT["id"]}     # zone nesting used for parcel assignment

    # ---------------- projects ----------------
    ptab = {  # id -> (place, lon, lat, precision, note)
        1: ("环汉丰湖", None, None, "approximate", "placed inside the schematic 环汉丰湖居民自建房安置区 (lake-side resettlement area)"),
        2: ("汉丰街道", 108.413, 31.177, "approximate", "scope names 汉丰、文峰、赵家等5个片区; point placed in 汉丰街道 (first named) as a label"),
        3: ("开州城区", 108.421, 31.184, "approximate", "city-wide 公租房; point placed in the city (汉丰街道) as a label"),
        6: ("浦里高新区", None, None, "approximate", "placed in the north-eastern (赵家) block of the schematic Puli high-tech zone"),
        7: ("全区 (district-wide)", 108.404, 31.179, "schematic", "district-wide project (10万亩 of vegetable bases across the district); point placed in the city only as a label position"),
        8: ("白家溪", 108.445, 31.105, "approximate", "白家溪 port works area placed on the river south of the city towards 渠口镇"),
        9: ("赵家街道", 108.326, 31.1225, "approximate", "赵家污水处理厂 placed in 赵家街道"),
        11: ("大进镇", 108.566, 31.512, "approximate", "大进 tea processing plant placed near the approximate 大进镇 seat"),
        13: ("开州城区", 108.384, 31.183, "approximate", "职教中心 location unknown; placed in the city (assumed)"),
        14: ("开州城区", 108.429, 31.190, "approximate", "public training base location unknown; placed in the city (assumed)"),
        15: ("环汉丰湖", 108.370, 31.1655, "approximate", "水上国民休闲运动中心 placed on the north-west shore of the schematic 汉丰湖"),
        16: ("丰乐街道", 108.466, 31.1525, "approximate", "丰乐大桥 downstream shore works placed at the east end of the schematic 汉丰湖 in 丰乐街道"),
        17: ("临江镇", 108.203, 31.1225, "approximate", "临江镇中心卫生院 (区人民医院临江分院) placed near the approximate 临江镇 seat"),
        18: ("环汉丰湖", 108.426, 31.1665, "approximate", "滨湖 resettlement estates placed on the north shore of the schematic 汉丰湖"),
        19: ("开州城区", 108.390, 31.190, "approximate", "大丘初中 location unknown; placed in the city (assumed)"),
        21: ("开州城区", 108.438, 31.186, "approximate", "fire-brigade command centre location unknown; placed in the city (assumed)"),
        22: ("开州城区", 108.402, 31.183, "approximate", "职工服务中心 location unknown; placed in the city (assumed)"),
        23: ("开州城区", 108.455, 31.151, "approximate", "丰泰小学 location unknown; placed in the south-east of the city (assumed)"),
        24: ("环汉丰湖", 108.391, 31.168, "approximate", "雨青博物馆 placed near the north shore of the schematic 汉丰湖 (assumed)"),
        25: ("环汉丰湖", 108.344, 31.1705, "approximate", "凤凰梁大桥 (环汉丰湖 project) placed at the west end of the schematic lake (assumed); 4.55 km long road, shown as a point"),
        26: ("环汉丰湖 (西湖景区)", 108.351, 31.175, "approximate", "北环路连接道 (西湖景区) placed north-west of the schematic lake"),
        27: ("城区西部 (观音山)", 108.326, 31.186, "approximate", "观音山隧道 / 西部现代物流产业园 placed west of the city (assumed)"),
        28: ("全区 (district-wide)", 108.418, 31.179, "schematic", "district-wide project (urban sewage networks and 43个乡镇污水处理厂); point placed in the city only as a label position"),
        29: ("环汉丰湖", 108.431, 31.175, "approximate", "gas network renewal in 15 片区 around the lake; point placed in the city as a label"),
        30: ("赵家街道 (浦里片区)", 108.334, 31.126, "approximate", "古迹片区、赵家片区 gas networks; point placed in 赵家街道"),
        31: ("浦里高新区", None, None, "approximate", "高新区 drainage; point placed in the second (赵家) block of the schematic Puli high-tech zone"),
        32: ("正安街道", 108.428, 31.203, "approximate", "正安街道 drainage (歇马路、策马路、福音街、开源街); point placed near the approximate 正安街道 seat"),
        33: ("开州城区 (南山路、滨湖路)", 108.401, 31.1455, "approximate", "南山路、滨湖路 placed south of the schematic lake (assumed)"),
        34: ("开州城区 (盛山片区)", 108.410, 31.186, "approximate", "盛山片区 placed north of the city centre (assumed)"),
        35: ("镇东街道", 108.455, 31.183, "approximate", "镇东街道 drainage; point placed near the approximate 镇东街道 seat"),
    }
    rng_p = random.Random(35)
    poly_specs = {  # id -> (place, center_xy, n, aspect, rot, note)
        4: ("丰乐街道", xy(108.447, 31.141), 7, 1.3, 15.0,
            "drawn in 丰乐街道 south-east of the city, inside the schematic 环汉丰湖片区"),
        5: ("长沙镇 (高新区长沙组团)", axis_pt(5600, 0), 8, 1.3, axis_rot,
            "drawn inside the 长沙 block of the schematic Puli high-tech zone"),
        10: ("浦里高新区", axis_pt(3500, -150), 6, 1.4, axis_rot + 20,
             "drawn inside the third block of the schematic Puli high-tech zone (no location given in the plan)"),
        12: ("浦里新区 (胡桥片区)", axis_pt(950, -750), 6, 1.2, 30.0,
             "drawn in the schematic 浦里新区 outside the high-tech blocks (胡桥片区 not located in any source)"),
        20: ("汉丰街道 (开州故城)", xy(108.398, 31.1705), 7, 1.2, 0.0,
             "drawn in 汉丰街道 north of the schematic 汉丰湖 (开州故城 not located in any source)"),
    }
    proj_features, proj_geom = [], {}
    for p in projects:
        area, phrase = stated_area(p["scope"])
        base = "附件4 序号%d (%s; 计划总投资 %s 万元)" % (
            p["id"], ("text: " + phrase) if phrase else "no footprint area in the text", p["investment_wan"])
        if area is not None:
            check(p["id"] in poly_specs, "project %d states an area but has no polygon spec" % p["id"])
            place, cxy, n, asp, rot, note = poly_specs[p["id"]]
            unit = shape_unit(n, rng_p, 0.06, start=rng_p.uniform(0, math.pi))
            ring_ = shape_with_area(cxy, unit, area, asp, rot)
            geom = {"type": "Polygon", "coordinates": [ring_]}
            src_txt = "%s; geometry schematic: %s, area drawn to the stated %s m² in EPSG:4545; %s" % (
                base, note, ("%.2f" % area).rstrip("0").rstrip("."), NO_COORD)
            prec = "schematic"
        else:
            check(p["id"] not in poly_specs, "project %d has a polygon spec but no stated area" % p["id"])
            place, lon, lat, prec, note = ptab[p["id"]]
            if lon is None:
                if p["id"] == 1:
                    c = centroid_xy(Z_R10["mp"][0])
                elif p["id"] == 6:
                    c = axis_pt(0, 150)
                else:
                    c = axis_pt(1800, 300)
                lon, lat = ll(*c)
            geom = {"type": "Point", "coordinates": [lon, lat]}
            src_txt = "%s; position %s: %s; %s" % (base, prec, note, NO_COORD)
        props = {"name": p["name"], "owner": p["owner"], "funding": p["funding"], "period": p["period"],
                 "start_year": p["start_year"], "end_year": p["end_year"], "scope": p["scope"],
                 "investment_wan": p["investment_wan"], "lead_unit": p["lead_unit"], "category": p["category"],
                 "category_name": p["category_name"], "place": place, "stated_area_m2": area,
                 "extent_text": phrase}
        props.update(honesty(src_txt, prec, True))
        chk_geom(geom, "project %d" % p["id"])
        proj_geom[p["id"]] = geom
        proj_features.append(feature(p["id"], props, geom))
    check(sorted(poly_specs) == [p["id"] for p in projects if stated_area(p["scope"])[0] is not None],
          "polygon projects differ from the projects with a stated area")
    expected_areas = {4: 794000.0, 5: 1609000.0, 10: 173333.33, 12: 14666.67, 20: 58653.33}
    for pid, a in expected_areas.items():
        got = stated_area(projects[pid - 1]["scope"])[0]
        check(got == a, "project %d stated_area_m2 %r != %r" % (pid, got, a))
        real = polygon_area_m2(proj_geom[pid]["coordinates"])
        check(abs(real - a) / a <= 0.005, "project %d: EPSG:4545 area %.2f differs from %.2f by > 0.5 %%" % (pid, real, a))
    P4 = [proj_geom[4]["coordinates"]]
    P5 = [proj_geom[5]["coordinates"]]
    check(mp_within(P4, Z_PILOT["mp"]), "project 4 must lie inside the 环汉丰湖片区")
    check(mp_within(P5, Z_PULI["mp"]), "project 5 must lie inside the Puli high-tech zone")
    check(mp_within([proj_geom[10]["coordinates"]], Z_PULI["mp"]), "project 10 must lie inside the Puli zone")
    check(mp_within([proj_geom[12]["coordinates"]], Z_PXQ["mp"]) and
          not mp_intersects([proj_geom[12]["coordinates"]], Z_PULI["mp"]), "project 12 must lie in 浦里新区 outside the blocks")
    check(mp_within([proj_geom[20]["coordinates"]], Z_PILOT["mp"]), "project 20 must lie inside the 环汉丰湖片区")

    # ---------------- constraints ----------------
    rng_c = random.Random(333)

    def cblob(center_xy, area_m2, n=16, irr=0.12, aspect=1.4, rot=None):
        unit = shape_unit(n, rng_c, irr)
        if rot is None:
            rot = rng_c.uniform(0, 180)
        return [[shape_with_area(center_xy, unit, area_m2, aspect, rot)]]

    # urban boundary: city ellipse + convex hull (300 m margin) around the Puli zone, 浦里新区 and its community
    hull_src = []
    for mp in (Z_PULI["mp"], Z_PXQ["mp"], Z_R11["mp"]):
        for poly in mp:
            for p in poly[0]:
                P = xy(*p)
                for k in range(8):
                    hull_src.append((P[0] + 300 * math.cos(k * math.pi / 4), P[1] + 300 * math.sin(k * math.pi / 4)))
    hull = convex_hull(hull_src)
    puli_part = make_ccw(close_ring([ll(*p) for p in hull]))
    urban_mp = [[ellipse_ring(city_xy, 9300.0, 4600.0, n=64)], [puli_part]]
    cons = []   # (kind, name, source, mp)
    SAMPLE_C = "sample constraint drawn for testing, not official 三区三线 data (which is not public here); "
    cons.append(("urban_boundary", "城镇开发边界（示意）", SAMPLE_C +
                 "one part around the city and 汉丰湖, one around the Puli high-tech zone, 浦里新区 and the adjacent "
                 "resettlement community; shapes schematic; " + NO_COORD, urban_mp))
    f1 = cblob(axis_pt(5900, 750), 0.8e6, aspect=1.6, rot=axis_rot)
    cons.append(("permanent_farmland", "永久基本农田 长沙片（示意）", SAMPLE_C +
                 "deliberately overlaps the schematic polygon of 附件4 项目5 (高新区长沙组团城中村改造) so that a "
                 "compliance conflict can be tested; " + NO_COORD, f1))
    cons.append(("permanent_farmland", "永久基本农田 临江片（示意）", SAMPLE_C + "placed west of 临江镇; " + NO_COORD,
                 cblob(offset_xy(xy(*seat_pos["500154117"]), -2800, -1200), 1.5e6)))
    cons.append(("permanent_farmland", "永久基本农田 温泉片（示意）", SAMPLE_C + "placed south of 温泉镇; " + NO_COORD,
                 cblob(offset_xy(xy(*seat_pos["500154104"]), -600, -3200), 1.2e6)))
    cons.append(("permanent_farmland", "永久基本农田 中和-义和片（示意）", SAMPLE_C + "placed between 中和镇 and 义和镇; " + NO_COORD,
                 cblob(xy(108.150, 31.200), 2.0e6)))
    f5 = cblob(offset_xy(xy(108.450, 31.065), -650, 750), 1.5e6, aspect=1.5, rot=25)
    cons.append(("permanent_farmland", "永久基本农田 渠口片（示意）", SAMPLE_C +
                 "placed south of 渠口镇; overlaps the sample 铁峰山 生态保护红线 so that a 三线 conflict can be tested; "
                 + NO_COORD, f5))
    cons.append(("permanent_farmland", "永久基本农田 郭家片（示意）", SAMPLE_C + "placed south of 郭家镇; " + NO_COORD,
                 cblob(xy(108.560, 31.266), 1.0e6)))
    lake_red = [[ellipse_ring(lake_xy, LAKE_A + 200.0, LAKE_B + 200.0, n=48)]]
    cons.append(("ecological_redline", "汉丰湖湖体及岸线 生态保护红线（示意）", SAMPLE_C +
                 "the schematic 汉丰湖 ellipse plus a 200 m shore strip; overlaps the 环汉丰湖片区 band; " + NO_COORD, lake_red))
    cons.append(("ecological_redline", "雪宝山 生态保护红线（示意）", SAMPLE_C +
                 "placed on the north-eastern mountains (雪宝山 area, general knowledge); " + NO_COORD,
                 cblob(xy(108.760, 31.615), 24.0e6, n=20, aspect=1.3)))
    r3 = cblob(xy(108.450, 31.065), 9.0e6, n=20, irr=0.08, aspect=6.0, rot=40)
    cons.append(("ecological_redline", "铁峰山 生态保护红线（示意）", SAMPLE_C +
                 "schematic ridge strip on the south-eastern hills towards 万州 (铁峰山, general knowledge); overlaps the "
                 "sample 渠口 permanent-farmland patch; " + NO_COORD, r3))
    g1 = cblob(xy(108.600, 31.500), 1.2e6)
    g2 = cblob(xy(108.350, 31.450), 0.9e6)
    g3 = cblob(offset_xy(centroid_xy(Z_R13["mp"][0]), 650, 350), 0.5e6)
    cons.append(("geohazard", "地质灾害隐患区 GH-01（示意）", SAMPLE_C +
                 "sample landslide-hazard area in the northern mountains; origin 'GH-01' of sample relocation flows; " + NO_COORD, g1))
    cons.append(("geohazard", "地质灾害隐患区 GH-02（示意）", SAMPLE_C +
                 "sample landslide-hazard area in the north-west; origin 'GH-02' of sample relocation flows; " + NO_COORD, g2))
    cons.append(("geohazard", "地质灾害隐患区 GH-03（示意）", SAMPLE_C +
                 "deliberately overlaps the schematic 岳溪高铁片区 resettlement zone so that a hazard conflict can be tested; "
                 + NO_COORD, g3))
    con_features = []
    for i, (kind, nm, s, mp) in enumerate(cons, start=1):
        props = {"kind": kind, "name": nm}
        props.update(honesty(s, "schematic", True))
        con_features.append(feature(i, props, mp_geom(mp)))
    check(mp_within(Z_PILOT["mp"], [urban_mp[0]]), "urban boundary must contain the 环汉丰湖片区")
    check(mp_within(Z_PULI["mp"], [urban_mp[1]]) and mp_within(Z_PXQ["mp"], [urban_mp[1]]),
          "urban boundary must contain the Puli zone and 浦里新区")
    check(mp_intersects(f1, P5), "farmland 长沙片 must overlap project 5")
    check(mp_intersects(f5, r3), "farmland 渠口片 must overlap the 铁峰山 redline")
    check(mp_intersects(g3, Z_R13["mp"]), "GH-03 must overlap 岳溪高铁片区")
    check(sum(1 for c in cons if c[0] == "permanent_farmland") in range(4, 9), "4-8 farmland patches")

    # ---------------- parcels ----------------
    LAND = {"0101": "水田", "0102": "水浇地", "0103": "旱地", "0201": "果园", "0301": "乔木林地", "0305": "灌木林地",
            "0404": "其他草地", "0601": "工业用地", "0701": "城镇住宅用地", "0702": "农村宅基地",
            "05H1": "商业服务业设施用地", "08H2": "科教文卫用地", "0810": "公园与绿地", "1003": "公路用地",
            "1101": "河流水面", "1103": "水库水面"}
    USES = {"pilot_area": ["0701", "05H1", "0810", "08H2", "1003", "1101", "0702", "0102", "0701", "05H1", "0810"],
            "high_tech_zone": ["0601", "0601", "1003", "0103", "0101", "0601", "0404", "1101", "0601"],
            "key_town": ["0701", "0101", "0103", "0201", "0702", "0301", "0305", "1103", "08H2", "05H1", "0102"],
            "resettlement": ["0701", "0702", "08H2", "0810", "0103"]}
    PARCEL_N = {"pilot_area": 22, "high_tech_zone": 8, "key_town": 6, "resettlement": 4}
    rng_l = random.Random(4545)
    parcels = []
    use_counter = {}
    for z in zones:
        want = PARCEL_N[z["kind"]] + (4 if z["id"] == Z_PULI["id"] else 0)
        zarea = multipolygon_area_m2(z["mp"])
        others = [o for o in zones if o["id"] != z["id"] and o["id"] != parent.get(z["id"])]
        xs = [xy(*p) for poly in z["mp"] for p in poly[0]]
        minx, maxx = min(p[0] for p in xs), max(p[0] for p in xs)
        miny, maxy = min(p[1] for p in xs), max(p[1] for p in xs)
        got, tries = 0, 0
        while got < want and tries < 4000:
            tries += 1
            c = (rng_l.uniform(minx, maxx), rng_l.uniform(miny, maxy))
            hi_ha = max(1.2, min(30.0, zarea / 1e4 / (want * 2.2)))
            a_m2 = rng_l.uniform(1.0, hi_ha) * 1e4
            asp = rng_l.uniform(1.0, 2.2)
            rot = rng_l.uniform(0, 180)
            corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
            unit = [(x * (1 + 0.08 * (rng_l.random() - 0.5)), y * (1 + 0.08 * (rng_l.random() - 0.5))) for x, y in corners]
            ring_ = shape_with_area(c, unit, a_m2, asp, rot)
            poly = [ring_]
            if not any(poly_within(poly, zp) for zp in z["mp"]):
                continue
            if any(mp_intersects([poly], o["mp"]) for o in others):
                continue
            if any(polys_intersect(poly, q["poly"]) for q in parcels):
                continue
            uses = USES[z["kind"]]
            k = use_counter.get(z["kind"], 0)
            code = uses[k % len(uses)]
            use_counter[z["kind"]] = k + 1
            parcels.append({"poly": poly, "zone": z, "code": code})
            got += 1
        check(got == want, "zone %s: only %d of %d parcels placed" % (z["name"], got, want))
    par_features = []
    for i, q in enumerate(parcels, start=1):
        a = round(polygon_area_m2(q["poly"]), 2)
        check(1e4 <= a <= 30e4, "parcel %d area %.0f m² outside 1-30 ha" % (i, a))
        cxy = centroid_xy(q["poly"])
        tcode = nearest_township(ll(*cxy))
        props = {"land_use_code": q["code"], "land_use": LAND[q["code"]], "area_m2": a, "township_code": tcode,
                 "zone_id": q["zone"]["id"]}
        props.update(honesty("sample parcel (地块) drawn at random inside the schematic zone '%s' (zone_id %d) with a "
                             "plausible 三调 land-use class; not real land-use data; township_code = nearest "
                             "approximate township seat; %s" % (q["zone"]["name"], q["zone"]["id"], NO_COORD),
                             "schematic", True))
        par_features.append(feature(i, props, mp_geom([q["poly"]])))
    check(60 <= len(par_features) <= 150, "parcel count %d not in 60..150" % len(par_features))
    check(set(LAND) == {q["code"] for q in parcels}, "not every 三调 class is used")

    # ---------------- relocation flows ----------------
    rng_f = random.Random(2025)
    FLOWS = [  # (origin, zone name, households, year, reason)
        ("500154103", "环汉丰湖居民自建房安置区", 60, 2023, "自愿搬迁"),
        ("500154102", "环汉丰湖居民自建房安置区", 45, 2024, "自愿搬迁"),
        ("500154100", "环汉丰湖居民自建房安置区", 38, 2024, "自愿搬迁"),
        ("500154108", "环汉丰湖居民自建房安置区", 52, 2024, "高山远山"),
        ("500154204", "环汉丰湖居民自建房安置区", 70, 2023, "高山远山"),
        ("500154205", "环汉丰湖居民自建房安置区", 66, 2024, "高山远山"),
        ("GH-02", "环汉丰湖居民自建房安置区", 48, 2024, "地质灾害"),
        ("500154114", "环汉丰湖居民自建房安置区", 40, 2025, "自愿搬迁"),
        ("500154201", "环汉丰湖居民自建房安置区", 85, 2025, "高山远山"),
        ("GH-01", "环汉丰湖居民自建房安置区", 72, 2023, "地质灾害"),
        ("TDSK", "浦里高新区产业园区周边农民搬迁集聚社区", 180, 2023, "重大工程"),
        ("TDSK", "浦里高新区产业园区周边农民搬迁集聚社区", 220, 2024, "重大工程"),
        ("TDSK", "浦里高新区产业园区周边农民搬迁集聚社区", 160, 2025, "重大工程"),
        ("500154206", "浦里高新区产业园区周边农民搬迁集聚社区", 90, 2024, "重大工程"),
        ("500154123", "浦里高新区产业园区周边农民搬迁集聚社区", 55, 2024, "自愿搬迁"),
        ("500154124", "浦里高新区产业园区周边农民搬迁集聚社区", 62, 2025, "自愿搬迁"),
        ("500154125", "浦里高新区产业园区周边农民搬迁集聚社区", 40, 2025, "生态"),
        ("TDSK", "竹溪高铁片区", 150, 2024, "重大工程"),
        ("TDSK", "竹溪高铁片区", 120, 2025, "重大工程"),
        ("500154120", "竹溪高铁片区", 44, 2024, "自愿搬迁"),
        ("500154119", "竹溪高铁片区", 36, 2025, "自愿搬迁"),
        ("500154121", "竹溪高铁片区", 58, 2024, "高山远山"),
        ("500154106", "竹溪高铁片区", 30, 2025, "生态"),
        ("TDSK", "岳溪高铁片区", 210, 2023, "重大工程"),
        ("TDSK", "岳溪高铁片区", 190, 2024, "重大工程"),
        ("TDSK", "岳溪高铁片区", 140, 2025, "重大工程"),
        ("500154206", "岳溪高铁片区", 75, 2025, "重大工程"),
        ("500154117", "岳溪高铁片区", 40, 2024, "自愿搬迁"),
        ("500154116", "岳溪高铁片区", 35, 2025, "生态"),
    ]
    gh_center = {"GH-01": centroid_xy(g1[0]), "GH-02": centroid_xy(g2[0])}
    gh_name = {"GH-01": "地质灾害隐患区 GH-01（示意）", "GH-02": "地质灾害隐患区 GH-02（示意）"}

    def random_point_in(mp, rng):
        xs = [xy(*p) for poly in mp for p in poly[0]]
        minx, maxx = min(p[0] for p in xs), max(p[0] for p in xs)
        miny, maxy = min(p[1] for p in xs), max(p[1] for p in xs)
        for _ in range(1000):
            c = ll(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
            if any(point_in_polygon(c, poly) for poly in mp):
                return c
        raise CheckFailed("could not sample a point in a zone")

    flow_features = []
    inflow = {z["id"]: 0 for z in resettlement_zones}
    for i, (orig, zname, hh, year, reason) in enumerate(FLOWS, start=1):
        z = zone_by_name[zname]
        if orig == "TDSK":
            base = xy(*TDSK_POINT)
            o = ll(base[0] + rng_f.uniform(-1500, 1500), base[1] + rng_f.uniform(-1500, 1500))
            oname = "跳蹬水库淹没及工程建设区（示意）"
            onote = ("origin 'TDSK' is a made-up label for the 跳蹬水库 reservoir area; the plan says its relocated "
                     "households go to 浦里高新区, 竹溪 and 岳溪 高铁片区; reservoir area placed schematically upstream of "
                     "南门镇 on 浦里河 (dam in 南门镇 卷桥村 per slj.cq.gov.cn 2022-10-08, text only)")
        elif orig.startswith("GH-"):
            cc = gh_center[orig]
            o = ll(cc[0] + rng_f.uniform(-300, 300), cc[1] + rng_f.uniform(-300, 300))
            oname = gh_name[orig]
            onote = "origin '%s' is a made-up label for the sample geohazard area of that name in constraints.geojson" % orig
        else:
            base = xy(*seat_pos[orig])
            while True:
                ang, dist = rng_f.uniform(0, 2 * math.pi), rng_f.uniform(1200, 3500)
                o = ll(base[0] + dist * math.cos(ang), base[1] + dist * math.sin(ang))
                if D.contains_point(o):
                    break
            oname = name_of[orig]
            onote = "origin point placed 1.2-3.5 km from the approximate %s seat (a sample village)" % oname
        dpt = random_point_in(z["mp"], rng_f)
        persons = int(round(hh * rng_f.uniform(2.6, 3.4)))
        inflow[z["id"]] += hh
        props = {"origin_code": orig, "origin_name": oname, "destination_zone": z["id"], "destination_name": z["name"],
                 "households": hh, "persons": persons, "year": year, "reason": reason}
        props.update(honesty("sample figures, not from the plan (households, persons, year and reason are made up "
                             "for testing); %s; destination point inside the schematic zone '%s'; %s" % (onote, z["name"], NO_COORD),
                             "schematic", True))
        geom = {"type": "LineString", "coordinates": [o, dpt]}
        chk_geom(geom, "flow %d" % i)
        check(2.5 <= persons / hh <= 3.5, "flow %d persons/household" % i)
        flow_features.append(feature(i, props, geom))
    check(20 <= len(flow_features) <= 40, "flow count")
    over = [z["name"] for z in resettlement_zones if inflow[z["id"]] > z["capacity_households"]]
    check(len(over) == 1, "exactly one resettlement zone must exceed its capacity, got %r" % over)
    for zn in ("浦里高新区产业园区周边农民搬迁集聚社区", "竹溪高铁片区", "岳溪高铁片区"):
        check(any(f[0] == "TDSK" and f[1] == zn for f in FLOWS), "TDSK flow to %s missing" % zn)

    # ---------------- facilities ----------------
    rng_x = random.Random(1000)
    fac = []   # (kind, name, planned, project_id, source, precision, lon, lat)
    pf = lambda pid: proj_geom[pid]["coordinates"]
    fac.append(("school", "大丘初中", True, 19, "附件4 序号19 大丘初中新建项目 (新建校舍23217㎡); same approximate point as the project: "
                "location unknown, placed in the city (assumed); " + NO_COORD, "approximate", *pf(19)))
    fac.append(("school", "丰泰小学", True, 23, "附件4 序号23 丰泰小学新建项目 (建筑面积26701㎡); same approximate point as the project: "
                "location unknown, placed in the south-east of the city (assumed); " + NO_COORD, "approximate", *pf(23)))
    fac.append(("hospital", "开州区人民医院临江分院", True, 17, "附件4 序号17 重庆市开州区人民医院（临江分院）住院医技楼建设项目; "
                "same approximate point as the project, near the approximate 临江镇 seat; " + NO_COORD, "approximate", *pf(17)))
    fac.append(("hospital", "区人民医院", False, None, "named in the plan (三、17 提升区人民医院…医疗服务能力; no 附件4 project); "
                "position approximate: placed in the city (汉丰街道), " + NO_COORD, "approximate", 108.416, 31.181))
    fac.append(("hospital", "区中医院", False, None, "named in the plan (三、17 提升…区中医院…医疗服务能力; no 附件4 project); "
                "position approximate: placed in the city, " + NO_COORD, "approximate", 108.397, 31.186))
    fac.append(("hospital", "区妇幼保健院", True, None, "named in the plan (三、17 加快建设区妇幼保健院儿科综合楼扩容提能等项目; "
                "not a 附件4 project); position approximate: placed in the city, " + NO_COORD, "approximate", 108.436, 31.180))
    fac.append(("school", "汉丰一校", True, None, "named in the plan (三、16 有序推进汉丰一校教学综合楼…建设; not a 附件4 project); "
                "position approximate: placed in 汉丰街道, " + NO_COORD, "approximate", 108.407, 31.175))
    fac.append(("school", "德阳初中", True, None, "named in the plan (三、16 加快推进德阳初中…扩容; not a 附件4 project); "
                "position approximate: placed in the city (assumed), " + NO_COORD, "approximate", 108.365, 31.186))
    fac.append(("school", "歇马小学", True, None, "named in the plan (三、16 歇马小学扩容; not a 附件4 project); position "
                "approximate: placed in 正安街道 (歇马路 is named in 附件4 序号32 as a 正安街道 street), " + NO_COORD,
                "approximate", 108.4215, 31.2085))
    for f_ in fac:
        if f_[3] is None:
            check(f_[1] in text, "facility name %s not in the plan text" % f_[1])
    KIND_CN = {"school": "小学", "clinic": "社区卫生服务站", "hospital": "医院", "market": "农贸市场",
               "elderly_care": "养老服务站", "childcare": "托育点", "park": "社区公园"}
    SAMPLE_KINDS = {
        "环汉丰湖居民自建房安置区": ["school", "childcare", "clinic", "market", "elderly_care", "park", "school"],
        "浦里高新区产业园区周边农民搬迁集聚社区": ["school", "childcare", "clinic", "hospital", "market", "elderly_care", "park", "market"],
        "竹溪高铁片区": ["school", "clinic", "hospital", "market", "elderly_care", "childcare", "park"],
        "岳溪高铁片区": ["school", "clinic", "market", "elderly_care", "park"],
    }
    short = {"环汉丰湖居民自建房安置区": "环湖安置区", "浦里高新区产业园区周边农民搬迁集聚社区": "浦里搬迁社区",
             "竹溪高铁片区": "竹溪高铁片区", "岳溪高铁片区": "岳溪高铁片区"}
    for zname, kinds in SAMPLE_KINDS.items():
        z = zone_by_name[zname]
        zc = centroid_xy(z["mp"][0])
        seen = {}
        for kind in kinds:
            seen[kind] = seen.get(kind, 0) + 1
            ang, dist = rng_x.uniform(0, 2 * math.pi), rng_x.uniform(150, 750)
            lon, lat = ll(zc[0] + dist * math.cos(ang), zc[1] + dist * math.sin(ang))
            nm = "%s配套%s%s（示意）" % (short[zname], KIND_CN[kind], "" if seen[kind] == 1 else str(seen[kind]))
            fac.append((kind, nm, False, None, "sample facility, not from the plan (stands in for official facility data); "
                        "placed %d m from the centre of the schematic zone '%s'; %s" % (round(dist), zname, NO_COORD),
                        "schematic", lon, lat))
    fac_features = []
    for i, (kind, nm, planned, pid, s, prec, lon, lat) in enumerate(fac, start=1):
        props = {"kind": kind, "name": nm, "planned": planned, "project_id": pid}
        props.update(honesty(s, prec, True))
        geom = {"type": "Point", "coordinates": [lon, lat]}
        chk_geom(geom, "facility %s" % nm)
        fac_features.append(feature(i, props, geom))
    sample_count = sum(1 for f_ in fac if f_[5] == "schematic")
    check(20 <= sample_count <= 40, "sample facilities %d not in 20..40" % sample_count)
    KINDS = ["school", "clinic", "hospital", "market", "elderly_care", "childcare", "park"]
    check({f_[0] for f_ in fac} == set(KINDS), "every facility kind must occur")
    gaps = {}
    for z in resettlement_zones:
        near = {f_[0] for f_ in fac if dist_point_mp_m((f_[6], f_[7]), z["mp"]) <= 1000.0}
        missing = [k for k in KINDS if k not in near]
        if missing:
            gaps[z["name"]] = missing
    check(len(gaps) >= 1, "at least one resettlement zone must lack some facility kind within 1000 m")

    # ---------------- district feature ----------------
    dprops = {"name": "开州区", "adcode": 500154,
              "area_note": "official area 3963.52 km² (Baidu-Baike-derived pages, PROVENANCE §2.1; Wikipedia gives 3959 km²); "
                           "this outline measures %.1f km² in EPSG:4545" % district_area_km2}
    dprops.update(honesty(PROV_DISTRICT + "; commercial display outline, not the legal boundary; accuracy tens of "
                          "metres; ring reversed to counter-clockwise for RFC 7946", "approximate", False))
    district_features = [feature(500154, dprops, mp_geom(district_mp))]

    zone_features = []
    for z in zones:
        props = {"name": z["name"], "kind": z["kind"], "capacity_households": z["capacity_households"],
                 "township_code": z["township_code"], "plan_text": z["plan_text"]}
        props.update(honesty(z["source"], "schematic", True))
        g_ = mp_geom(z["mp"])
        chk_geom(g_, "zone %s" % z["name"])
        zone_features.append(feature(z["id"], props, g_))

    for f_ in con_features + par_features:
        chk_geom(f_["geometry"], "feature %s" % f_["properties"].get("name", f_["id"]))

    # ---------------- geometry validity checks on everything ----------------
    files = {
        "district.geojson": (district_features, ["name", "adcode", "area_note"]),
        "townships.geojson": (ts_features, ["code", "name", "type"]),
        "projects.geojson": (proj_features, ["name", "owner", "funding", "period", "start_year", "end_year", "scope",
                                             "investment_wan", "lead_unit", "category", "category_name", "place",
                                             "stated_area_m2", "extent_text"]),
        "zones.geojson": (zone_features, ["name", "kind", "capacity_households", "township_code", "plan_text"]),
        "parcels.geojson": (par_features, ["land_use_code", "land_use", "area_m2", "township_code", "zone_id"]),
        "relocation_flows.geojson": (flow_features, ["origin_code", "origin_name", "destination_zone",
                                                     "destination_name", "households", "persons", "year", "reason"]),
        "constraints.geojson": (con_features, ["kind", "name"]),
        "facilities.geojson": (fac_features, ["kind", "name", "planned", "project_id"]),
    }
    for fname, (feats, keys) in files.items():
        ids = [f_["id"] for f_ in feats]
        check(all(isinstance(i, int) and not isinstance(i, bool) for i in ids) and len(set(ids)) == len(ids),
              "%s: ids must be unique integers" % fname)
        for f_ in feats:
            pk = list(f_["properties"])
            check(pk == keys + ["source", "location_precision", "illustrative"],
                  "%s id %s: property keys %r" % (fname, f_["id"], pk))
            check("id" not in f_["properties"], "id repeated in properties")
            validate_geometry(f_["geometry"], "%s id %s" % (fname, f_["id"]))

    # ---------------- cross-layer checks on the final features ----------------
    codes = set(seat_pos)
    zone_mp = {z["id"]: z["mp"] for z in zones}
    for f_ in zone_features:
        tc = f_["properties"]["township_code"]
        check(tc is None or tc in codes, "zone %d: unknown township_code" % f_["id"])
    for i, a in enumerate(par_features):
        pa = a["geometry"]["coordinates"]
        check(a["properties"]["township_code"] in codes, "parcel %d: unknown township_code" % a["id"])
        zid = a["properties"]["zone_id"]
        check(mp_within(pa, zone_mp[zid]), "parcel %d not inside its zone %d" % (a["id"], zid))
        for z in zones:   # inside exactly one zone, apart from the zone that contains its own zone
            if z["id"] not in (zid, parent.get(zid)):
                check(not mp_intersects(pa, z["mp"]), "parcel %d touches zone %d" % (a["id"], z["id"]))
        for b in par_features[i + 1:]:
            check(not mp_intersects(pa, b["geometry"]["coordinates"]), "parcels %d and %d overlap" % (a["id"], b["id"]))
    res_ids = {z["id"] for z in resettlement_zones}
    for f_ in flow_features:
        p_ = f_["properties"]
        check(p_["destination_zone"] in res_ids, "flow %d: destination is not a resettlement zone" % f_["id"])
        check(any(point_in_polygon(f_["geometry"]["coordinates"][-1], poly) for poly in zone_mp[p_["destination_zone"]]),
              "flow %d: end point outside its destination zone" % f_["id"])
        check(p_["origin_code"] in codes or p_["origin_code"] in ("TDSK", "GH-01", "GH-02"), "flow origin code")
        check(p_["reason"] in ("地质灾害", "生态", "重大工程", "自愿搬迁", "高山远山") and 2023 <= p_["year"] <= 2025,
              "flow %d reason/year" % f_["id"])
    for f_ in fac_features:
        pid = f_["properties"]["project_id"]
        check(pid is None or pid in proj_geom, "facility %d: unknown project_id" % f_["id"])
        check(f_["properties"]["kind"] in KINDS, "facility kind")

    # ---------------- write ----------------
    for fname, (feats, _) in files.items():
        write_geojson(fname, feats)
    write_csv("townships.csv", ["code", "name", "type"], townships)
    write_csv("project_groups.csv",
              ["category", "category_name", "group_no", "summary_count", "heading_count", "heading_total_wan"],
              [{"category": headings[g]["category"], "category_name": headings[g]["category_name"], "group_no": g,
                "summary_count": summary[g]["count"], "heading_count": headings[g]["count"],
                "heading_total_wan": headings[g]["total"]} for g in "一二三四五"])
    write_csv("plan_totals.csv", ["item", "value", "source_text"],
              [{"item": "project_count", "value": total["count"], "source_text": total["text"]},
               {"item": "total_investment_wan", "value": total["value"], "source_text": total["row"]}])
    write_csv("indicators.csv", ["id", "name", "target_text", "comparator", "target_value", "target_unit", "lead_unit",
                                 "remarks"], indicators)
    write_csv("policies.csv", ["id", "text", "lead_unit", "remarks"], policies)
    write_csv("reforms.csv", ["id", "text", "lead_unit", "remarks"], reforms)
    write_csv("milestones.csv", ["id", "due_date", "due_text", "deliverable"], milestones)

    # ---------------- report ----------------
    print("plan: %s" % PLAN_PATH)
    print("geodata: %s" % SRC_DIR)
    print("district area in EPSG:4545: %.2f km²" % district_area_km2)
    for fname, (feats, _) in files.items():
        print("%-26s %4d features" % (fname, len(feats)))
    print("inflows (households) per resettlement zone:",
          {z["name"]: "%d/%d" % (inflow[z["id"]], z["capacity_households"]) for z in resettlement_zones})
    print("facility gaps within 1000 m:", gaps)
    for s in inconsistencies:
        print("plan inconsistency:", s)
    print("all checks passed")


def validate_geometry(g, what):
    def coord_ok(p):
        check(len(p) == 2 and all(isinstance(v, float) or isinstance(v, int) for v in p), "%s: bad position" % what)
        check(all(round(v, 7) == v for v in p), "%s: coordinate with more than 7 decimals" % what)
        check(-180 <= p[0] <= 180 and -90 <= p[1] <= 90, "%s: not lon/lat" % what)

    def ring_ok(r, ccw):
        check(len(r) >= 4 and r[0] == r[-1], "%s: ring not closed" % what)
        for i in range(len(r) - 1):
            coord_ok(r[i])
            check(r[i] != r[i + 1], "%s: duplicate consecutive vertex" % what)
        a = signed_area_deg(r)
        check((a > 0) == ccw and a != 0, "%s: ring orientation wrong (exterior CCW, holes CW)" % what)
        si = ring_self_intersects(r)
        check(si is None, "%s: self-intersecting ring (edges %r)" % (what, si))

    def polygon_ok(poly):
        ring_ok(poly[0], True)
        for h in poly[1:]:
            ring_ok(h, False)
            check(poly_within([h], [poly[0]]), "%s: hole not inside its exterior ring" % what)

    t, c = g["type"], g["coordinates"]
    if t == "Point":
        coord_ok(c)
    elif t == "LineString":
        check(len(c) >= 2, "%s: short line" % what)
        for p in c:
            coord_ok(p)
    elif t == "Polygon":
        polygon_ok(c)
    elif t == "MultiPolygon":
        for poly in c:
            polygon_ok(poly)
        for i in range(len(c)):
            for j in range(i + 1, len(c)):
                check(not polys_intersect(c[i], c[j]), "%s: MultiPolygon parts %d and %d intersect" % (what, i, j))
    else:
        raise CheckFailed("%s: unexpected geometry type %s" % (what, t))


if __name__ == "__main__":
    try:
        main()
    except CheckFailed as e:
        sys.stderr.write("BUILD CHECK FAILED: %s\n" % e)
        sys.exit(1)
