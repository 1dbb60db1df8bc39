import type { FeatureLike } from 'ol/Feature';
import { Fill, Stroke, Style, Text } from 'ol/style';
import { zoneKindColours } from './palette';

const cache = new Map<string, Style>();

export function zoneStyle(feature: FeatureLike, resolution: number): Style {
  const kind = feature.get('kind') as string;
  const colours = zoneKindColours[kind] ?? zoneKindColours.pilot_area;
  const showLabel = resolution <= 80;
  const key = `${kind}|${showLabel ? feature.get('name') : ''}`;
  let style = cache.get(key);
  if (!style) {
    style = new Style({
      fill: new Fill({ color: colours.fill }),
      stroke: new Stroke({ color: colours.stroke, width: kind === 'resettlement' ? 2.5 : 1.5, lineDash: kind === 'resettlement' ? [6, 4] : undefined }),
      text: showLabel
        ? new Text({
            text: feature.get('name') as string,
            font: 'bold 12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
            fill: new Fill({ color: colours.stroke }),
            stroke: new Stroke({ color: 'rgba(255,255,255,0.85)', width: 3 }),
            overflow: false,
          })
        : undefined,
    });
    cache.set(key, style);
  }
  return style;
}
