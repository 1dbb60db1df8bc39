"""EPSG:4545, the planar predicates and the Puli axis."""

import math
import unittest

from kaizhou.context import PuliAxis
from kaizhou.gk4545 import ll, polygon_area_m2, xy
from kaizhou.planar import point_in_polygon, seg_intersect
from kaizhou.shapes import shape_unit, shape_with_area


class Gk4545Tests(unittest.TestCase):
    def test_forward_agrees_with_proj(self):
        # PROJ 9.1: echo "31 108" | cs2cs EPSG:4490 EPSG:4545 and echo "31.17 108.41" | cs2cs -f %.4f ...
        for (lon, lat), (e, n) in [((108.0, 31.0), (500000.0, 3430974.32)),
                                   ((108.41, 31.17), (539087.2670, 3449894.7658))]:
            got = xy(lon, lat)
            self.assertAlmostEqual(e, got[0], delta=0.01)
            self.assertAlmostEqual(n, got[1], delta=0.01)

    def test_inverse_undoes_forward_to_a_millimetre(self):
        for lon, lat in [(107.95, 30.83), (108.41, 31.17), (108.89, 31.69)]:
            back = ll(*xy(lon, lat))
            self.assertLess(math.hypot((back[0] - lon) * 95000, (back[1] - lat) * 111000), 0.02)

    def test_shape_with_area_hits_the_area(self):
        ring = shape_with_area(xy(108.4, 31.1), shape_unit(7), 794000.0, 1.3, 15.0)
        self.assertAlmostEqual(794000.0, polygon_area_m2([ring]), delta=794000.0 * 0.001)


class PlanarTests(unittest.TestCase):
    SQUARE = [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]

    def test_point_in_polygon(self):
        self.assertTrue(point_in_polygon([1, 1], self.SQUARE))
        self.assertFalse(point_in_polygon([3, 1], self.SQUARE))

    def test_touching_segments_intersect_and_parallel_ones_do_not(self):
        self.assertTrue(seg_intersect([0, 0], [2, 2], [2, 2], [3, 0]))
        self.assertFalse(seg_intersect([0, 0], [2, 0], [0, 1], [2, 1]))


class PuliAxisTests(unittest.TestCase):
    def test_chainage_follows_the_legs_and_offsets_go_left(self):
        axis = PuliAxis([(0.0, 0.0), (0.0, -1000.0), (-500.0, -1000.0)])   # south, then west
        self.assertEqual(1500.0, axis.length)
        self.assertEqual((0.0, -400.0), axis.point(400, 0))
        self.assertEqual((-200.0, -1000.0), axis.point(1200, 0))
        self.assertEqual((100.0, -400.0), axis.point(400, 100))     # left of "south" is east
        self.assertAlmostEqual(-90.0, axis.rotation(400))


if __name__ == "__main__":
    unittest.main()
