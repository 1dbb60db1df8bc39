import type { Coordinate } from 'ol/coordinate';
import type { Geometry, Polygon } from 'ol/geom';
import { MultiPolygon, Point, Polygon as PolygonGeometry } from 'ol/geom';

type Ring = Coordinate[];

/**
 * Whether a feature geometry intersects a query polygon, exactly (not by bounding box): a point inside or on it, or a
 * polygon that has a vertex inside the other, or an edge crossing one of the other's edges. Both in the same CRS.
 */
export function intersectsArea(area: Polygon, geometry: Geometry): boolean {
  if (geometry instanceof Point) {
    return area.intersectsCoordinate(geometry.getCoordinates());
  }
  const polygons =
    geometry instanceof PolygonGeometry ? [geometry] : geometry instanceof MultiPolygon ? geometry.getPolygons() : [];
  return polygons.some((polygon) => polygonsIntersect(area, polygon));
}

function polygonsIntersect(a: Polygon, b: Polygon): boolean {
  const ringsA = a.getCoordinates();
  const ringsB = b.getCoordinates();
  if (ringsB.some((ring) => ring.some((c) => a.intersectsCoordinate(c))) || ringsA.some((ring) => ring.some((c) => b.intersectsCoordinate(c)))) {
    return true;
  }
  return ringsA.some((ringA) => ringsB.some((ringB) => ringsCross(ringA, ringB)));
}

function ringsCross(a: Ring, b: Ring): boolean {
  for (let i = 0; i < a.length - 1; i++) {
    for (let j = 0; j < b.length - 1; j++) {
      if (segmentsIntersect(a[i], a[i + 1], b[j], b[j + 1])) {
        return true;
      }
    }
  }
  return false;
}

function orientation(p: Coordinate, q: Coordinate, r: Coordinate): number {
  return Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
}

function segmentsIntersect(p1: Coordinate, p2: Coordinate, q1: Coordinate, q2: Coordinate): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  // Touching counts as intersecting, as in the server's ST_Intersects.
  return o1 !== o2 && o3 !== o4 ? true : (o1 === 0 && onSegment(p1, q1, p2)) || (o2 === 0 && onSegment(p1, q2, p2)) || (o3 === 0 && onSegment(q1, p1, q2)) || (o4 === 0 && onSegment(q1, p2, q2));
}

function onSegment(p: Coordinate, q: Coordinate, r: Coordinate): boolean {
  return Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
}
