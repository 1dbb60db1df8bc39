import type { Coordinate } from 'ol/coordinate';

/** How far the curve bows out, as a share of the straight distance; enough to tell two opposite flows apart. */
const bow = 0.22;
const samples = 32;

/**
 * A flow drawn as a quadratic Bézier from origin to destination, bowing to the right of the direction of travel.
 * Works in map units, so the curve keeps its shape at every zoom.
 */
export function flowCurve(origin: Coordinate, destination: Coordinate): Coordinate[] {
  const [x0, y0] = origin;
  const [x1, y1] = destination;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const control = [(x0 + x1) / 2 + dy * bow, (y0 + y1) / 2 - dx * bow];
  const points: Coordinate[] = [];
  for (let i = 0; i <= samples; i++) {
    const s = i / samples;
    const a = (1 - s) * (1 - s);
    const b = 2 * (1 - s) * s;
    const c = s * s;
    points.push([a * x0 + b * control[0] + c * x1, a * y0 + b * control[1] + c * y1]);
  }
  return points;
}

/** The point halfway along the curve: where a label or a test probe sits. */
export function flowCurveMiddle(origin: Coordinate, destination: Coordinate): Coordinate {
  return flowCurve(origin, destination)[samples / 2];
}
