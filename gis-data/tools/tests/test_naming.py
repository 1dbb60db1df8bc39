"""Which township a text names (the rule check-data shares) and reading the seat and station sources."""

import json
import os
import tempfile
import unittest

from kaizhou.naming import geometry_distance_m, named_by, named_township, stem
from kaizhou import sources

TOWNS = [{"code": "500154001", "name": "汉丰街道"}, {"code": "500154117", "name": "临江镇"},
         {"code": "500154115", "name": "中和镇"}, {"code": "500154116", "name": "义和镇"},
         {"code": "500154206", "name": "五通乡"}]


class NamedTownshipTests(unittest.TestCase):
    def test_full_names_and_stems(self):
        self.assertEqual("500154117", named_township("临江镇", TOWNS))
        self.assertEqual("500154117", named_township("开州区人民医院临江分院", TOWNS))
        self.assertEqual("500154206", named_township("五通乡", TOWNS))

    def test_the_first_name_in_the_text_counts(self):
        self.assertEqual("500154115", named_township("永久基本农田 中和-义和片", TOWNS))

    def test_the_lake_is_not_the_township(self):
        self.assertIsNone(named_township("环汉丰湖居民自建房安置区", TOWNS))
        self.assertEqual("500154001", named_township("汉丰湖北岸 汉丰街道", TOWNS))

    def test_no_text_names_nothing(self):
        self.assertIsNone(named_township(None, TOWNS))
        self.assertIsNone(named_township("开州城区", TOWNS))

    def test_stem_keeps_one_character_names_whole(self):
        self.assertEqual("临江", stem("临江镇"))
        self.assertEqual("汉丰", stem("汉丰街道"))

    def test_each_layer_names_by_its_own_property(self):
        self.assertEqual("500154117", named_by("zones", {"township_code": "500154117", "name": "中和"}, TOWNS))
        self.assertIsNone(named_by("relocation_flows", {"origin_code": "TDSK"}, TOWNS))
        self.assertEqual("500154115", named_by("projects", {"place": "中和镇", "name": "临江"}, TOWNS))
        self.assertIsNone(named_by("townships", {"name": "临江镇"}, TOWNS))

    def test_distances_are_measured_in_epsg_4545(self):
        # 0.01° of latitude at 31° N is 1109 m on the ellipsoid
        d = geometry_distance_m({"type": "Point", "coordinates": [108.3, 31.0]}, [108.3, 31.01])
        self.assertAlmostEqual(1109.0, d, delta=2.0)


class SourceReaderTests(unittest.TestCase):
    def write(self, folder, name, features):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)

    def test_seats_and_the_in_district_stations(self):
        with tempfile.TemporaryDirectory() as d:
            self.write(d, sources.SEATS_FILE, [{"type": "Feature", "properties": {
                "code": "500154122", "name": "岳溪镇", "name_in_source": "岳溪镇", "note": ""},
                "geometry": {"type": "Point", "coordinates": [108.167891, 30.91304]}}])
            self.write(d, sources.STATIONS_FILE, [
                {"type": "Feature", "properties": {"name": "万州北", "inside_district": False},
                 "geometry": {"type": "Point", "coordinates": [108.36, 30.87]}},
                {"type": "Feature", "properties": {"name": None, "inside_district": True},
                 "geometry": {"type": "Point", "coordinates": [108.31, 31.14]}}])
            self.assertEqual([108.167891, 30.91304], sources.read_seats(d)["500154122"]["lonlat"])
            self.assertEqual([{"name": None, "lonlat": [108.31, 31.14]}], sources.read_stations(d))


if __name__ == "__main__":
    unittest.main()
