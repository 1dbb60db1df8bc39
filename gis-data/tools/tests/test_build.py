"""The whole build from the repository's inputs: every seat sourced but 镇东, nothing far from the town it names."""

import os
import unittest

import build_gis_data
from kaizhou.naming import distance_m


class BuildTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        sources_dir = os.path.join(build_gis_data.GIS, "sources")
        plan = os.path.join(build_gis_data.REPO, "seeds", build_gis_data.PLAN_FILE)
        cls.plan, cls.ctx, cls.layers, _ = build_gis_data.build(plan, sources_dir)

    def test_seats_are_the_sourced_points(self):
        seats = {f["properties"]["code"]: f for f in self.layers["townships"]}
        self.assertEqual("schematic", seats["500154004"]["properties"]["location_precision"])
        for code, seat in self.ctx.amap_seats.items():
            self.assertLess(distance_m(seats[code]["geometry"]["coordinates"], seat["lonlat"]), 1.0)

    def test_approximate_means_within_a_kilometre_of_the_named_seat(self):
        approximate = [f for layer in ("projects", "facilities") for f in self.layers[layer]
                       if f["properties"]["location_precision"] == "approximate"]
        self.assertTrue(approximate)
        self.assertNotIn("general knowledge", " ".join(f["properties"]["source"] for f in approximate))

    def test_the_stations_are_facilities(self):
        stations = [f for f in self.layers["facilities"] if f["properties"]["kind"] == "railway_station"]
        self.assertEqual(["岳溪站", "未命名火车站（OSM）"], sorted(f["properties"]["name"] for f in stations))
        self.assertTrue(all("ODbL" in f["properties"]["source"] for f in stations))


if __name__ == "__main__":
    unittest.main()
