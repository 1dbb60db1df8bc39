#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Build every file in gis-data/ for the Kaizhou (开州区) "小县大城" pilot plan.

Run from the repository root:

    python3 gis-data/tools/build_gis_data.py

* Python 3.11 standard library only; the unit tests: python3 -m unittest discover -s gis-data/tools/tests -t gis-data/tools
* Deterministic: fixed random seeds, fixed output order; re-running rewrites byte-identical files.
* Every table is PARSED from the plan text (kaizhou/plan.py): names, scopes, owners and figures are copied verbatim.
* Positions: the district outline, 39 township seats and two railway stations are sourced (kaizhou/sources.py).
  Everything else is placed by placement.json around those points, or drawn schematically, and says so in the
  `source`, `location_precision` and `illustrative` properties of every feature (see gis-data/README.md).
* The script ends with self-checks and exits non-zero ("BUILD CHECK FAILED") if any fails; it then writes nothing.

Inputs (first existing path wins):
  plan text : $KAIZHOU_PLAN, <repo>/seeds/000_c57c5d1e7f7efbfe.txt, /work/shared/seeds/000_c57c5d1e7f7efbfe.txt
  geodata   : $KAIZHOU_GIS_SOURCES, gis-data/sources/, /work/shared/gis-sources/
"""

import json
import os
import sys

from kaizhou import catalog
from kaizhou.checks import CheckFailed, check
from kaizhou.context import Context
from kaizhou.crosschecks import check_parcels_and_flows, far_from_named_town
from kaizhou.layers import constraints, district, facilities, flows, parcels, projects, townships, zones
from kaizhou.output import check_contract, write_csv, write_geojson
from kaizhou.plan import Plan, reconcile

TOOLS = os.path.dirname(os.path.abspath(__file__))
GIS = os.path.dirname(TOOLS)
REPO = os.path.dirname(GIS)
PLAN_FILE = "000_c57c5d1e7f7efbfe.txt"

# file -> the properties before the honesty properties, in order (the contract: catalog.json, from Catalog.cs)
KEYS = {name: catalog.geojson_keys(name) for name in catalog.GEOJSON_FILES}


def first_existing(paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    raise SystemExit("input not found; tried: " + ", ".join(p for p in paths if p))


def build(plan_path, sources_dir):
    with open(plan_path, encoding="utf-8") as f:
        plan = Plan(f.read())
    inconsistencies = reconcile(plan)
    with open(os.path.join(TOOLS, "placement.json"), encoding="utf-8") as f:
        ctx = Context(plan, sources_dir, json.load(f))
    # order matters: zones anchor projects, projects anchor constraints and facilities, constraints anchor flows
    layers = {"townships": townships.build(ctx), "zones": zones.build(ctx), "projects": projects.build(ctx),
              "constraints": constraints.build(ctx), "parcels": parcels.build(ctx),
              "relocation_flows": flows.build(ctx), "facilities": facilities.build(ctx),
              "district": district.build(ctx)}
    for name, feats in layers.items():
        check_contract(name + ".geojson", feats, KEYS[name + ".geojson"], catalog.closed_values(name + ".geojson"))
    check_parcels_and_flows(ctx, layers)
    far = far_from_named_town(ctx, layers)
    check(not far, "features farther than 3 km from the seat of the township they name: %r" % far)
    return plan, ctx, layers, inconsistencies


def write(plan, ctx, layers, folder=GIS):
    for name in KEYS:
        write_geojson(folder, name, layers[name[:-len(".geojson")]])
    h, s = plan.headings, plan.summary
    write_csv(folder, "townships.csv", ["code", "name", "type"], ctx.townships)
    write_csv(folder, "project_groups.csv",
              ["category", "category_name", "group_no", "summary_count", "heading_count", "heading_total_wan"],
              [{"category": h[g]["category"], "category_name": h[g]["category_name"], "group_no": g,
                "summary_count": s[g]["count"], "heading_count": h[g]["count"], "heading_total_wan": h[g]["total"]}
               for g in "一二三四五"])
    write_csv(folder, "plan_totals.csv", ["item", "value", "source_text"],
              [{"item": "project_count", "value": plan.total["count"], "source_text": plan.total["text"]},
               {"item": "total_investment_wan", "value": plan.total["value"], "source_text": plan.total["row"]}])
    write_csv(folder, "indicators.csv", catalog.csv_header("indicators.csv"), plan.indicators)
    write_csv(folder, "policies.csv", catalog.csv_header("policies.csv"), plan.policies)
    write_csv(folder, "reforms.csv", catalog.csv_header("reforms.csv"), plan.reforms)
    write_csv(folder, "milestones.csv", catalog.csv_header("milestones.csv"), plan.milestones)


def report(plan_path, sources_dir, ctx, layers, inconsistencies):
    print("plan: %s" % plan_path)
    print("geodata: %s" % sources_dir)
    print("district area in EPSG:4545: %.2f km²" % ctx.district_area_km2)
    for name, feats in layers.items():
        counts = {}
        for f in feats:
            counts[f["properties"]["location_precision"]] = counts.get(f["properties"]["location_precision"], 0) + 1
        print("%-26s %4d features  %s" % (name + ".geojson", len(feats), counts))
    print("inflows (households) per resettlement zone:",
          {z["name"]: "%d/%d" % (ctx.inflow[z["id"]], z["capacity_households"]) for z in ctx.zones if z["id"] in ctx.inflow})
    print("facility gaps within 1000 m:", ctx.facility_gaps)
    for s in inconsistencies:
        print("plan inconsistency:", s)
    print("all checks passed")


def main():
    plan_path = first_existing([os.environ.get("KAIZHOU_PLAN"), os.path.join(REPO, "seeds", PLAN_FILE),
                                "/work/shared/seeds/" + PLAN_FILE])
    sources_dir = first_existing([os.environ.get("KAIZHOU_GIS_SOURCES"), os.path.join(GIS, "sources"),
                                  "/work/shared/gis-sources"])
    plan, ctx, layers, inconsistencies = build(plan_path, sources_dir)
    write(plan, ctx, layers)
    report(plan_path, sources_dir, ctx, layers, inconsistencies)


if __name__ == "__main__":
    try:
        main()
    except CheckFailed as e:
        sys.stderr.write("BUILD CHECK FAILED: %s\n" % e)
        sys.exit(1)
