"""Nothing placed from general knowledge: no such text, no hand-placed (lon, lat) anchor, and every "X km <direction> of
the sourced <town> seat" a source states is what the geometry shows (measured here on the ellipsoid, not with the
generator's projection)."""

import glob
import json
import math
import os
import re
import unittest

import build_gis_data
from kaizhou.context import Context

GIS = build_gis_data.GIS
SECTORS = {"east": 0, "north-east": 45, "north": 90, "north-west": 135, "west": 180, "south-west": 225, "south": 270,
           "south-east": 315}
STATED = re.compile(r"(\d+\.\d) km (%s) of the sourced (\S+) seat( \(its centre\))?" % "|".join(SECTORS))
A, F = 6378137.0, 1 / 298.257222101     # CGCS2000


def committed_text_files():
    """Every generated file, the placement table, the generator's code and the folder README (not sources/: that is
    the provenance record, which reports what earlier hand-placed positions got wrong)."""
    files = glob.glob(os.path.join(GIS, "*.geojson")) + glob.glob(os.path.join(GIS, "*.csv"))
    files += glob.glob(os.path.join(GIS, "tools", "kaizhou", "**", "*.py"), recursive=True)
    return files + [os.path.join(GIS, "tools", "placement.json"), os.path.join(GIS, "README.md")]


def local_metres(origin, p):
    """(east, north) metres of p from origin on the CGCS2000 ellipsoid, by the local radii of curvature: independent
    of the Gauss-Krüger series, and within 0.1 % of it at these distances (grid convergence is under half a degree)."""
    e2 = F * (2 - F)
    phi = math.radians(origin[1])
    w = 1 - e2 * math.sin(phi) ** 2
    n_radius, m_radius = A / math.sqrt(w), A * (1 - e2) / w ** 1.5
    return (math.radians(p[0] - origin[0]) * n_radius * math.cos(phi), math.radians(p[1] - origin[1]) * m_radius)


def area_centroid(ring, origin):
    pts = [local_metres(origin, p) for p in ring]
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        c = x0 * y1 - x1 * y0
        a, cx, cy = a + c, cx + (x0 + x1) * c, cy + (y0 + y1) * c
    return cx / (3 * a), cy / (3 * a)


def walk(node, path=""):
    """(path, key, value) of every dict entry in a JSON tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path, k, v
            yield from walk(v, "%s.%s" % (path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, "%s[%d]" % (path, i))


class NoGeneralKnowledgeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(GIS, "tools", "placement.json"), encoding="utf-8") as f:
            cls.placement = json.load(f)
        cls.seats = {}
        with open(os.path.join(GIS, "townships.geojson"), encoding="utf-8") as f:
            for t in json.load(f)["features"]:
                if t["properties"]["location_precision"] == "sourced_point":
                    cls.seats[t["properties"]["name"]] = t["geometry"]["coordinates"]

    def test_no_file_says_general_knowledge(self):
        for path in committed_text_files():
            with open(path, encoding="utf-8") as f:
                at = f.read().lower().find("general knowledge")
            self.assertEqual(-1, at, "%s says 'general knowledge' at character %d" % (path, at))

    def test_no_placement_is_a_hand_placed_lonlat(self):
        found = [p for p, k, _ in walk(self.placement) if k in ("lonlat", "lake_center")]
        self.assertEqual([], found)

    def test_every_position_hangs_on_an_anchor(self):
        ats = [v for _, k, v in walk(self.placement) if k == "at"]
        self.assertGreater(len(ats), 40)
        kinds = {next(iter(a)) for a in ats}
        self.assertLessEqual(kinds, {"seat", "between_seats", "station", "puli", "zone", "project"})

    def test_the_build_refuses_a_lonlat_anchor(self):
        ctx = Context.__new__(Context)
        with self.assertRaisesRegex(ValueError, "unknown placement anchor 'lonlat'"):
            ctx.locate({"lonlat": [108.4, 31.2]})

    def test_stated_offsets_are_what_the_geometry_shows(self):
        checked = 0
        for name in ("projects", "facilities", "zones", "constraints"):
            with open(os.path.join(GIS, name + ".geojson"), encoding="utf-8") as f:
                features = json.load(f)["features"]
            for feat in features:
                stated = STATED.findall(feat["properties"]["source"])
                if len(stated) != 1:
                    continue    # the 环汉丰湖片区 band states two centres (its ellipse and the lake), neither on it
                km, direction, town, centre = stated[0]
                seat, geom = self.seats[town], feat["geometry"]
                if geom["type"] == "Point":
                    east, north = local_metres(seat, geom["coordinates"])
                else:
                    self.assertTrue(centre, "%s: a shape's stated offset must say it is its centre" % feat["id"])
                    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
                    self.assertEqual(1, len(polygons))
                    east, north = area_centroid(polygons[0][0], seat)
                what = "%s %s" % (name, feat["id"])
                self.assertAlmostEqual(float(km), math.hypot(east, north) / 1000, delta=0.06, msg=what)
                bearing = math.degrees(math.atan2(north, east))
                off = (bearing - SECTORS[direction] + 180) % 360 - 180
                self.assertLessEqual(abs(off), 23.5, what)
                checked += 1
        # 19 project points, project 20, 4 named facilities, zone 10, 雪宝山, 铁峰山, GH-01 and GH-02
        self.assertEqual(29, checked)


if __name__ == "__main__":
    unittest.main()
