#!/usr/bin/env python3
"""One visit's first render as a timeline (bench/ViewerFirstRender --trace DIR): every request the page made (asked,
first byte, done, from navigation), the renderer main thread's time up to the ready mark by kind (script, GC, HTML,
style, layout, paint, other; idle is what is left), and its long tasks with what filled them. It says how much of the
first render waits on the server and how much is the page's own work.
   bench/trace-timeline.py DIR [LONG_MS=25]"""
import collections
import json
import os
import sys

directory = sys.argv[1]
long_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 25.0
trace = json.load(open(os.path.join(directory, "render.trace.json")))
events = trace["traceEvents"] if isinstance(trace, dict) else trace
ready_ms = float(open(os.path.join(directory, "render.ready")).read())

threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"}
# The page's renderer: the one whose main thread marked the navigation of the viewer's document.
navigation = min((e for e in events if e.get("name") == "navigationStart" and threads.get((e["pid"], e["tid"])) == "CrRendererMain"
                  and e.get("args", {}).get("data", {}).get("documentLoaderURL", "").startswith("http")), key=lambda e: e["ts"])
main = (navigation["pid"], navigation["tid"])
start_us = navigation["ts"]
end_us = start_us + ready_ms * 1000


def ms(ts):
    return (ts - start_us) / 1000


# Requests: the renderer's ResourceSendRequest / ReceiveResponse / Finish, joined by request id.
requests = collections.defaultdict(dict)
for e in events:
    if e["pid"] != main[0]:
        continue
    data = e.get("args", {}).get("data", {})
    if e.get("name") == "ResourceSendRequest":
        requests[data["requestId"]].update(url=data["url"], asked=ms(e["ts"]))
    elif e.get("name") == "ResourceReceiveResponse":
        requests[data["requestId"]].setdefault("first", ms(e["ts"]))
        requests[data["requestId"]]["status"] = data.get("statusCode")
    elif e.get("name") == "ResourceFinish":
        requests[data["requestId"]]["done"] = (data["finishTime"] * 1e6 - start_us) / 1000 if data.get("finishTime") else ms(e["ts"])
        requests[data["requestId"]]["bytes"] = data.get("encodedDataLength", 0)
print(f"requests (ms from navigation; ready at {ready_ms:.0f} ms):")
print(f"{'asked':>7} {'1st byte':>8} {'done':>7} {'kB':>6}  url")
for r in sorted((r for r in requests.values() if "url" in r), key=lambda r: r["asked"]):
    url = r["url"].split("//", 1)[-1].split("/", 1)[-1]
    print(f"{r['asked']:7.0f} {r.get('first', float('nan')):8.0f} {r.get('done', float('nan')):7.0f} {r.get('bytes', 0) / 1024:6.1f}  /{url[:110]}")

# The main thread's events as a tree (complete events, and begin/end pairs made complete), cut to the window.
spans = []
open_spans = collections.defaultdict(list)
for e in sorted((e for e in events if (e["pid"], e["tid"]) == main and e.get("ph") in ("X", "B", "E")), key=lambda e: e["ts"]):
    if e["ph"] == "X":
        spans.append((e["ts"], e.get("dur", 0), e["name"]))
    elif e["ph"] == "B":
        open_spans[e["name"]].append(e["ts"])
    elif open_spans[e["name"]]:
        begun = open_spans[e["name"]].pop()
        spans.append((begun, e["ts"] - begun, e["name"]))
spans = [s for s in spans if s[0] < end_us and s[0] + s[1] > start_us]
spans.sort(key=lambda s: (s[0], -s[1]))

KINDS = [
    ("script", ("EvaluateScript", "v8.compile", "v8.compileModule", "v8.evaluateModule", "FunctionCall", "TimerFire", "FireAnimationFrame",
                "EventDispatch", "RunMicrotasks", "v8.run", "V8.Execute", "v8.callFunction", "XHRReadyStateChange", "FireIdleCallback",
                "v8.produceModuleCache", "v8.produceCache", "CacheScript", "v8.parseOnBackground", "v8.deserializeOnBackground")),
    ("gc", ("MinorGC", "MajorGC", "V8.GCScavenger", "V8.GCCompactor", "V8.GCFinalizeMC", "V8.GC_MC_BACKGROUND", "BlinkGC.AtomicPhase", "GCEvent",
            "V8.GCIncrementalMarking", "V8.GCFinalizeMCReduceMemory", "BlinkGC.CompleteSweep", "BlinkGC.LazySweepInIdle")),
    ("html", ("ParseHTML",)),
    ("style", ("UpdateLayoutTree", "RecalculateStyles", "ParseAuthorStyleSheet", "ScheduleStyleRecalculation")),
    ("layout", ("Layout", "UpdateLayout")),
    ("paint", ("Paint", "PrePaint", "UpdateLayer", "UpdateLayerTree", "Layerize", "CompositeLayers", "Commit", "PaintImage", "Decode Image",
               "ImageDecodeTask", "Draw LazyPixelRef", "RasterTask")),
]
kind_of = {name: kind for kind, names in KINDS for name in names}

# Self time of every span (its duration less its children's), summed by name and by kind; tasks are the roots.
self_by_name = collections.Counter()
stack = []  # (end, name, index)
children_us = collections.Counter()
tasks = []
for index, (ts, dur, name) in enumerate(spans):
    while stack and stack[-1][0] <= ts:
        stack.pop()
    if stack:
        children_us[stack[-1][2]] += dur
    else:
        tasks.append(index)
    stack.append((ts + dur, name, index))
for index, (ts, dur, name) in enumerate(spans):
    self_by_name[name] += max(0, dur - children_us[index])
by_kind = collections.Counter()
for name, us in self_by_name.items():
    by_kind[kind_of.get(name, "other")] += us
busy = sum(spans[i][1] for i in tasks)
# Other renderers' main threads in the same window (Chromium's own pages, e.g. a WebUI started beside the page): they
# compete with the page for the machine's two cores.
others = collections.Counter()
for e in events:
    thread = (e["pid"], e["tid"])
    if e.get("ph") == "X" and thread != main and threads.get(thread) == "CrRendererMain" and e["name"] == "ThreadControllerImpl::RunTask" and start_us <= e["ts"] < end_us:
        others[e["pid"]] += e.get("dur", 0)
for pid, us in others.items():
    print(f"another renderer's main thread (pid {pid}): busy {us / 1000:.0f} ms in the same window")
print(f"\nmain thread, navigation to ready ({ready_ms:.0f} ms): busy {busy / 1000:.0f} ms, idle {ready_ms - busy / 1000:.0f} ms")
for kind, us in by_kind.most_common():
    names = ", ".join(f"{n} {u / 1000:.0f}" for n, u in self_by_name.most_common() if kind_of.get(n, "other") == kind and u >= 3000)
    print(f"  {kind:7} {us / 1000:6.0f} ms  ({names})")

print(f"\nlong tasks (≥ {long_ms:.0f} ms): start, duration, the largest self times inside")
for i in tasks:
    ts, dur, name = spans[i]
    if dur < long_ms * 1000:
        continue
    inside = collections.Counter()
    for j in range(i, len(spans)):
        ts2, dur2, name2 = spans[j]
        if ts2 >= ts + dur:
            break
        inside[name2] += max(0, dur2 - children_us[j])
    print(f"  {ms(ts):7.0f} {dur / 1000:6.0f} ms  " + ", ".join(f"{n} {u / 1000:.0f}" for n, u in inside.most_common(4)))
