"""The data contract as the service defines it: catalog.json, exported from src/Geo.Core/Domain/Catalog.cs.

The generator takes its GeoJSON property order and CSV headers from here and refuses a value outside a closed list,
so the files it writes are the files the service accepts. Refresh catalog.json with
`dotnet run --project src/Geo.Api -- catalog -o "$PWD/gis-data/tools/catalog.json"` (a .NET test fails when it is stale).
"""

import json
import os

PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "catalog.json")
HONESTY = ["source", "location_precision", "illustrative"]

with open(PATH, encoding="utf-8") as _f:
    COLLECTIONS = {c["file"]: c for c in json.load(_f)["collections"]}


def property_names(fname):
    """Every property of the file's collection, in the catalog's order."""
    return [p["name"] for p in COLLECTIONS[fname]["properties"]]


def geojson_keys(fname):
    """The properties before the honesty properties, which every feature carries last."""
    names = property_names(fname)
    assert names[-len(HONESTY):] == HONESTY, fname
    return names[:-len(HONESTY)]


def csv_header(fname):
    return [COLLECTIONS[fname]["csvIdColumn"]] + property_names(fname)


def closed_values(fname):
    """property -> the complete list of accepted codes, for the file's coded properties."""
    return {p["name"]: [v["code"] for v in p["codes"]["values"]]
            for p in COLLECTIONS[fname]["properties"] if p.get("codes", {}).get("closed")}


GEOJSON_FILES = [f for f, c in COLLECTIONS.items() if c["geometry"] != "None"]
