"""Writing the output files, and the rules every written feature must follow (RFC 7946, the contract)."""

import csv
import json
import os

from . import catalog
from .checks import CheckFailed, check
from .planar import poly_within, polys_intersect, ring_self_intersects, signed_area_deg

PRECISIONS = catalog.closed_values("projects.geojson")["location_precision"]


def feature(fid, props, geom):
    check("id" not in props, "id must not be repeated in properties")
    return {"type": "Feature", "id": fid, "properties": props, "geometry": geom}


def write_geojson(folder, name, features):
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_csv(folder, name, header, rows):
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] if isinstance(r, dict) else r[i] for i, h in enumerate(header)])


def honesty(source, precision, illustrative):
    check(precision in PRECISIONS, precision)
    return {"source": source, "location_precision": precision, "illustrative": illustrative}



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



def check_contract(fname, feats, keys, allowed):
    """Integer unique ids, every listed property present and in order, then the honesty properties; coded values in
    their closed lists (property -> codes); valid geometry."""
    ids = [f_["id"] for f_ in feats]
    check(all(isinstance(i, int) and not isinstance(i, bool) for i in ids) and len(set(ids)) == len(ids),
          "%s: ids must be unique integers" % fname)
    for f_ in feats:
        pk = list(f_["properties"])
        check(pk == keys + ["source", "location_precision", "illustrative"],
              "%s id %s: property keys %r" % (fname, f_["id"], pk))
        check("id" not in f_["properties"], "id repeated in properties")
        for name, codes in allowed.items():
            check(f_["properties"][name] in codes, "%s id %s: %s %r is not one of %r" % (fname, f_["id"], name, f_["properties"][name], codes))
        validate_geometry(f_["geometry"], "%s id %s" % (fname, f_["id"]))
