import { describe, expect, it } from 'vitest';
import Feature from 'ol/Feature';
import { LineString } from 'ol/geom';
import { flowStyle } from '../src/styles/flowStyle';

const shaftStart = (styles: ReturnType<typeof flowStyle>) => (styles[0].getGeometry() as LineString).getFirstCoordinate();

describe('flowStyle', () => {
  it("reuses a flow's styles at the same resolution, and draws them again when the flow or the zoom changes", () => {
    const feature = new Feature({ geometry: new LineString([[0, 0], [6000, 0]]), persons: 120 });
    const first = flowStyle(feature, 10);
    expect(flowStyle(feature, 10)).toBe(first);

    // Zoomed: the arrowhead is sized in pixels, so a new resolution gives a new head (8 + 2 px × 1.6 long, in map units).
    const zoomed = flowStyle(feature, 20);
    expect(zoomed).not.toBe(first);
    const tip = (zoomed[2].getGeometry() as LineString).getFirstCoordinate();
    const base = (zoomed[0].getGeometry() as LineString).getLastCoordinate();
    expect(Math.hypot(tip[0] - base[0], tip[1] - base[1])).toBeCloseTo((8 + 2 * 1.6) * 20, 6);

    // Moved (an edit), or its persons changed: drawn from the new values.
    (feature.getGeometry() as LineString).setCoordinates([[100, 50], [6000, 0]]);
    expect(shaftStart(flowStyle(feature, 20))).toEqual([100, 50]);
    feature.set('persons', 600);
    expect(flowStyle(feature, 20)[1].getStroke()!.getWidth()).toBe(10);
  });
});
