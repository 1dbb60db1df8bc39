import type { FeatureLike } from 'ol/Feature';
import { getHeight, getWidth } from 'ol/extent';
import { Fill, Stroke, Style } from 'ol/style';
import { landUseColours } from './palette';

/**
 * A parcel narrower than this many pixels is drawn without its outline: at zoom 13 a county's ~63 m parcels (1M over
 * the district) are ~4 px, where a 0.75 px outline is a grey mesh over a third of each parcel's pixels (the class
 * colours are the picture) and stroking 107,000 of them costs a third of drawing them (docs/BENCHMARKS.md).
 */
const OUTLINED_FROM_PIXELS = 8;

/**
 * The server's generalised shapes (`generalised`: the cells of zoom ≤ 11 and the class-merged parcels of the z12 tiles
 * zoom 13 draws) are never outlined: their edges are where classes meet, not parcel boundaries, and a merged class's
 * extent spans the whole tile, so the size test above would outline ~29,000 polygons at zoom 13 (docs/BENCHMARKS.md).
 */
const outline = new Stroke({ color: 'rgba(73, 80, 87, 0.7)', width: 0.75 });
const cache = new Map<string, Style>();

export function parcelStyle(feature: FeatureLike, resolution: number): Style {
  const code = feature.get('land_use_code') as string;
  const extent = feature.getGeometry()?.getExtent();
  const outlined = feature.get('generalised') !== true && (extent === undefined || Math.max(getWidth(extent), getHeight(extent)) >= OUTLINED_FROM_PIXELS * resolution);
  const key = `${code}${outlined ? '+' : ''}`;
  let style = cache.get(key);
  if (!style) {
    style = new Style({ fill: new Fill({ color: landUseColours[code] ?? '#ced4da' }), stroke: outlined ? outline : undefined });
    cache.set(key, style);
  }
  return style;
}
