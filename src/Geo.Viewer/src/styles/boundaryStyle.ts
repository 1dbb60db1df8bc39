import type { FeatureLike } from 'ol/Feature';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import { districtFill, districtStroke, townshipColour } from './palette';

export const districtStyle = new Style({
  fill: new Fill({ color: districtFill }),
  stroke: new Stroke({ color: districtStroke, width: 2.5 }),
});

const townshipMarker = new Circle({ declutterMode: 'none', radius: 3.5, fill: new Fill({ color: townshipColour }), stroke: new Stroke({ color: '#ffffff', width: 1 }) });

export function townshipStyle(feature: FeatureLike, resolution: number): Style {
  return new Style({
    image: townshipMarker,
    // 40 names fit the whole-district view; below that they only add noise.
    text: resolution < 250
      ? new Text({
          text: feature.get('name') as string,
          font: '12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
          offsetY: -11,
          fill: new Fill({ color: townshipColour }),
          stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
        })
      : undefined,
  });
}
