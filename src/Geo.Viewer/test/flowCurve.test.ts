import { describe, expect, it } from 'vitest';
import { flowCurve, flowCurveMiddle } from '../src/styles/flowCurve';
import { isUnderConstruction } from '../src/styles/yearFilter';

describe('flowCurve', () => {
  it('starts at the origin and ends at the destination', () => {
    const curve = flowCurve([0, 0], [100, 0]);
    expect(curve[0]).toEqual([0, 0]);
    expect(curve[curve.length - 1]).toEqual([100, 0]);
  });

  it('bows to the right of the direction of travel by 11% of the distance at its middle', () => {
    // Quadratic Bézier: the middle lies halfway between the chord's midpoint and the control point (bow 0.22).
    const [x, y] = flowCurveMiddle([0, 0], [100, 0]);
    expect(x).toBeCloseTo(50, 9);
    expect(y).toBeCloseTo(-11, 9);
    const [, yBack] = flowCurveMiddle([100, 0], [0, 0]);
    expect(yBack).toBeCloseTo(11, 9);
  });
});

describe('isUnderConstruction', () => {
  it('counts the start and the end year', () => {
    expect(isUnderConstruction(2024, 2026, 2024)).toBe(true);
    expect(isUnderConstruction(2024, 2026, 2026)).toBe(true);
    expect(isUnderConstruction(2024, 2026, 2023)).toBe(false);
    expect(isUnderConstruction(2024, 2026, 2027)).toBe(false);
  });
});
