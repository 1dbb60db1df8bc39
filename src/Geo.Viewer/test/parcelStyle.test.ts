import Feature from 'ol/Feature';
import { Polygon } from 'ol/geom';
import { describe, expect, it } from 'vitest';
import { landUseColours } from '../src/styles/palette';
import { parcelStyle } from '../src/styles/parcelStyle';

/** A square parcel of the given side in map units (metres in Web Mercator). */
function parcel(side: number, code = '0101', generalised = false): Feature {
  const feature = new Feature(new Polygon([[[0, 0], [side, 0], [side, side], [0, side], [0, 0]]]));
  feature.set('land_use_code', code);
  if (generalised) {
    feature.set('generalised', true);
  }
  return feature;
}

describe('parcelStyle', () => {
  it('fills every parcel in its 三调 class colour', () => {
    expect(parcelStyle(parcel(100, '0301'), 19.1).getFill()?.getColor()).toBe(landUseColours['0301']);
    expect(parcelStyle(parcel(100, '0301'), 1).getFill()?.getColor()).toBe(landUseColours['0301']);
  });

  it('outlines a parcel only when it is at least 8 pixels across', () => {
    // 113 m (a 97 m parcel at 31°N in Web Mercator): ~5.9 px at zoom 13 (19.1 m/px), ~11.8 px at zoom 14 (9.55 m/px).
    expect(parcelStyle(parcel(113), 19.1).getStroke()).toBeNull();
    expect(parcelStyle(parcel(113), 9.55).getStroke()?.getWidth()).toBe(0.75);
    expect(parcelStyle(parcel(160), 20).getStroke()).not.toBeNull();
    expect(parcelStyle(parcel(159), 20).getStroke()).toBeNull();
  });

  it('never outlines the server’s generalised shapes, however large', () => {
    // A z12 tile's merged class spans the tile (512 px at zoom 13): outlined if it were a parcel.
    expect(parcelStyle(parcel(9784, '0301'), 19.1).getStroke()?.getWidth()).toBe(0.75);
    const merged = parcelStyle(parcel(9784, '0301', true), 19.1);
    expect(merged.getStroke()).toBeNull();
    expect(merged.getFill()?.getColor()).toBe(landUseColours['0301']);
  });
});
