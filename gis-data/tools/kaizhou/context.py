"""What every layer builder shares: the district, the township seats, the stations, the placement table, and the
resolution of a placement (anchor + offset in metres) to a position in EPSG:4545."""

import math

from .checks import check
from .gk4545 import ll, multipolygon_area_m2, xy
from .planar import District
from .shapes import centroid_xy, make_ccw
from . import sources

NO_COORD = "no sourced coordinate exists (PROVENANCE §4)"
COMPASS = ("east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east")


class PuliAxis:
    """A schematic 浦里河 axis: the polyline through the given seats (in EPSG:4545), measured by chainage."""

    def __init__(self, points_xy):
        self.points = points_xy
        self.legs = []
        start = 0.0
        for a, b in zip(points_xy, points_xy[1:]):
            length = math.hypot(b[0] - a[0], b[1] - a[1])
            self.legs.append((start, length, a, ((b[0] - a[0]) / length, (b[1] - a[1]) / length)))
            start += length
        self.length = start

    def _leg(self, t):
        check(0 <= t <= self.length, "chainage %r outside the Puli axis (0..%.0f m)" % (t, self.length))
        for leg in self.legs:
            if t <= leg[0] + leg[1]:
                return leg
        return self.legs[-1]

    def point(self, t, offset):
        """Point at chainage t (m from the first seat) and offset across the axis (+ = left of the chainage direction:
        south-east for an axis running south-west)."""
        start, _, a, u = self._leg(t)
        v = (-u[1], u[0])
        s = t - start
        return (a[0] + u[0] * s + v[0] * offset, a[1] + u[1] * s + v[1] * offset)

    def rotation(self, t):
        _, _, _, u = self._leg(t)
        return math.degrees(math.atan2(u[1], u[0]))


class Context:
    def __init__(self, plan, sources_dir, placement):
        self.plan = plan
        self.text = plan.text
        self.placement = placement
        ring = make_ccw(sources.read_boundary_ring(sources_dir))
        self.district = District(ring)
        self.district_mp = [[ring]]
        self.district_area_km2 = multipolygon_area_m2(self.district_mp) / 1e6
        self.townships = sources.read_townships(sources_dir)
        self.name_of = {r["code"]: r["name"] for r in self.townships}
        self.code_of = {r["name"]: r["code"] for r in self.townships}
        self.district_seat = sources.read_district_seat(sources_dir)
        self.amap_seats = sources.read_seats(sources_dir)
        self.stations = sources.read_stations(sources_dir)
        geo = placement["geography"]
        self.zhendong = geo["zhendong_seat"]
        # seat positions: sourced ones, and 镇东街道's schematic point (kept apart: nothing is measured against it)
        self.sourced_seats = {sources.HANFENG: self.district_seat}
        self.sourced_seats.update({c: s["lonlat"] for c, s in self.amap_seats.items()})
        self.seat_pos = dict(self.sourced_seats)
        for code in self.name_of:
            if code not in self.seat_pos:
                check(code == "500154004", "township %s has no seat in any source" % code)
                self.seat_pos[code] = list(ll(*self.place(self.zhendong)))
        self.lake_xy = self.place(geo["lake"])
        self.lake_half_axes = geo["lake"]["half_axes_m"]
        self.city_xy = self.place(geo["city_center"])
        self.puli = PuliAxis([xy(*self.sourced_seats[c]) for c in geo["puli_axis_seats"]])
        self.zone_by_name = {}
        self.proj_geom = {}

    def chk_geom(self, g, what):
        check(self.district.contains_geometry(g), "%s: geometry not entirely inside the district boundary" % what)

    def station(self, name):
        found = [s for s in self.stations if (s["name"] or "") == name]
        check(len(found) == 1, "station %r: %d in-district stations of that name" % (name, len(found)))
        return found[0]

    def locate(self, at, offset_m=(0, 0)):
        """EPSG:4545 position of a placement anchor plus an (east, north) offset in metres."""
        (kind, value), = at.items()
        if kind == "seat":
            base = xy(*self.seat_pos[value])
        elif kind == "between_seats":
            a, b = (xy(*self.seat_pos[c]) for c in value)
            base = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        elif kind == "station":
            base = xy(*self.station(value)["lonlat"])
        elif kind == "puli":
            base = self.puli.point(*value)
        elif kind == "zone":
            base = centroid_xy(self.zone_by_name[value]["mp"][0])
        elif kind == "project":
            base = xy(*self.proj_geom[value]["coordinates"])
        else:
            raise ValueError("unknown placement anchor %r" % kind)
        return (base[0] + offset_m[0], base[1] + offset_m[1])

    def place(self, entry):
        """EPSG:4545 position of a placement entry ({"at": anchor, "offset_m": [east, north]})."""
        return self.locate(entry["at"], entry.get("offset_m", (0, 0)))

    def where(self, entry):
        """The entry's position in words, relative to the sourced seat it hangs on ("2.2 km south-west of the sourced
        汉丰街道 seat"), so that a source text states the relationship it shows and cannot drift from the offset."""
        (kind, code), = entry["at"].items()
        check(kind == "seat" and code in self.sourced_seats, "{where} needs a sourced seat anchor, got %r" % entry["at"])
        east, north = entry.get("offset_m", (0, 0))
        sector = round(math.degrees(math.atan2(north, east)) / 45.0) % 8
        return "%.1f km %s of the sourced %s seat" % (math.hypot(east, north) / 1000.0, COMPASS[sector], self.name_of[code])

    def note(self, entry):
        """The entry's note with {where} filled in by where()."""
        return entry["note"].replace("{where}", self.where(entry)) if "{where}" in entry["note"] else entry["note"]

    def rotation(self, rot, at, rng):
        """A placement's rotation: degrees, "axis"/"axis+N" (along the Puli axis there), or None (random)."""
        if rot is None:
            return rng.uniform(0, 180)
        if isinstance(rot, str):
            check(rot.startswith("axis") and "puli" in at, "rotation %r needs a Puli anchor" % rot)
            extra = float(rot[4:]) if len(rot) > 4 else 0.0
            return self.puli.rotation(at["puli"][0]) + extra
        return float(rot)
