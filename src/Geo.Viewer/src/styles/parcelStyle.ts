import type { FeatureLike } from 'ol/Feature';
import { Fill, Stroke, Style } from 'ol/style';
import { landUseColours } from './palette';

const cache = new Map<string, Style>();

export function parcelStyle(feature: FeatureLike): Style {
  const code = feature.get('land_use_code') as string;
  let style = cache.get(code);
  if (!style) {
    style = new Style({
      fill: new Fill({ color: landUseColours[code] ?? '#ced4da' }),
      stroke: new Stroke({ color: 'rgba(73, 80, 87, 0.7)', width: 0.75 }),
    });
    cache.set(code, style);
  }
  return style;
}
