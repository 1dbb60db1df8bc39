"""The generator's files against catalog.json (the service's contract, exported from Catalog.cs): the GeoJSON property
names and CSV headers are the catalog's, in its order, and every coded value is in its closed list."""

import csv
import json
import os
import tempfile
import unittest

import build_gis_data

CATALOG = os.path.join(build_gis_data.TOOLS, "catalog.json")


class CatalogTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(CATALOG, encoding="utf-8") as f:
            cls.collections = json.load(f)["collections"]
        sources_dir = os.path.join(build_gis_data.GIS, "sources")
        plan_path = os.path.join(build_gis_data.REPO, "seeds", build_gis_data.PLAN_FILE)
        plan, ctx, layers, _ = build_gis_data.build(plan_path, sources_dir)
        cls.folder = tempfile.TemporaryDirectory()
        build_gis_data.write(plan, ctx, layers, cls.folder.name)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def rows(self, collection):
        """Each written feature's or row's properties, as a dict in file order."""
        path = os.path.join(self.folder.name, collection["file"])
        with open(path, encoding="utf-8", newline="") as f:
            if collection["file"].endswith(".csv"):
                return list(csv.DictReader(f))
            return [feat["properties"] for feat in json.load(f)["features"]]

    def test_every_collection_file_is_written_with_the_catalogs_names(self):
        for collection in self.collections:
            with self.subTest(collection["id"]):
                names = [p["name"] for p in collection["properties"]]
                rows = self.rows(collection)
                self.assertTrue(rows)
                if collection["file"].endswith(".csv"):
                    names = [collection["csvIdColumn"]] + names
                for row in rows:
                    self.assertEqual(names, list(row))

    def test_every_coded_value_is_in_the_catalogs_closed_list(self):
        checked = 0
        for collection in self.collections:
            for prop in collection["properties"]:
                if not prop.get("codes", {}).get("closed"):
                    continue
                codes = {v["code"] for v in prop["codes"]["values"]}
                for row in self.rows(collection):
                    with self.subTest(collection=collection["id"], property=prop["name"]):
                        self.assertIn(row[prop["name"]], codes)
                        checked += 1
        self.assertGreater(checked, 100)

    def test_parcels_name_their_land_use_as_the_catalog_does(self):
        parcels = next(c for c in self.collections if c["id"] == "parcels")
        code = next(p for p in parcels["properties"] if p["name"] == "land_use_code")
        names = {v["code"]: v["titleZh"] for v in code["codes"]["values"]}
        for row in self.rows(parcels):
            self.assertEqual(names.get(row["land_use_code"]), row["land_use"])

    def test_railway_stations_are_a_facility_kind_in_the_catalog(self):
        facilities = next(c for c in self.collections if c["id"] == "facilities")
        kind = next(p for p in facilities["properties"] if p["name"] == "kind")
        self.assertIn("railway_station", [v["code"] for v in kind["codes"]["values"]])
        self.assertIn("railway_station", {row["kind"] for row in self.rows(facilities)})


if __name__ == "__main__":
    unittest.main()
