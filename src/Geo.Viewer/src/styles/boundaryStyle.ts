import type { FeatureLike } from 'ol/Feature';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import { districtFill, districtStroke, townshipColour } from './palette';

export const districtStyle = new Style({
  fill: new Fill({ color: districtFill }),
  stroke: new Stroke({ color: districtStroke, width: 2.5 }),
});

const townshipMarker = new Circle({ declutterMode: 'none', radius: 3.5, fill: new Fill({ color: townshipColour }), stroke: new Stroke({ color: '#ffffff', width: 1 }) });

/** One style per seat and label state, as the other layers keep theirs: the map asks for it on every frame. */
const townshipStyles = new Map<string, Style>();

export function townshipStyle(feature: FeatureLike, resolution: number): Style {
  // 40 names fit the whole-district view; below that they only add noise.
  const name = resolution < 250 ? (feature.get('name') as string) : '';
  let style = townshipStyles.get(name);
  if (!style) {
    style = new Style({
      image: townshipMarker,
      text: name
        ? new Text({
            text: name,
            font: '12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
            offsetY: -11,
            fill: new Fill({ color: townshipColour }),
            stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
          })
        : undefined,
    });
    townshipStyles.set(name, style);
  }
  return style;
}
