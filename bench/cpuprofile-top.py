#!/usr/bin/env python3
"""Summarises a CDP .cpuprofile (bench/ViewerFirstRender --profile): self time per function and per script, and the
total (inclusive) time of the heaviest functions, so a slow render says where its main-thread time went.
   bench/cpuprofile-top.py render.cpuprofile [N=25]"""
import collections
import json
import sys

profile = json.load(open(sys.argv[1]))
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
nodes = {n["id"]: n for n in profile["nodes"]}
parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", [])}
deltas = profile["timeDeltas"]
self_us = collections.Counter()
for sample, delta in zip(profile["samples"][1:], deltas[1:]):
    self_us[sample] += delta
# the last sample's delta is unknown; ignore it


def name(node):
    frame = node["callFrame"]
    script = frame["url"].rsplit("/", 1)[-1] or "-"
    return f'{frame["functionName"] or "(anonymous)"} {script}:{frame["lineNumber"] + 1}'


by_function = collections.Counter()
by_script = collections.Counter()
inclusive = collections.Counter()
for node_id, us in self_us.items():
    node = nodes[node_id]
    by_function[name(node)] += us
    by_script[node["callFrame"]["url"].rsplit("/", 1)[-1] or node["callFrame"]["functionName"]] += us
    seen = set()
    walk = node_id
    while walk is not None:
        label = name(nodes[walk])
        if label not in seen:
            inclusive[label] += us
            seen.add(label)
        walk = parent.get(walk)
total = sum(self_us.values())
print(f"profile {(profile['endTime'] - profile['startTime']) / 1000:.0f} ms, sampled {total / 1000:.0f} ms")
for title, counter in (("self time by function", by_function), ("self time by script", by_script), ("total time by function", inclusive)):
    print(f"## {title}")
    for label, us in counter.most_common(top):
        print(f"{us / 1000:8.1f} ms  {label}")
