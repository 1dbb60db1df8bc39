import type { FeatureLike } from 'ol/Feature';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { StyleFunction } from 'ol/style/Style';

const counts = new Map<number, Style>();

function countStyle(count: number): Style {
  let style = counts.get(count);
  if (!style) {
    style = new Style({
      image: new Circle({ radius: 9 + Math.min(8, Math.sqrt(count) * 2), fill: new Fill({ color: '#364fc7' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
      text: new Text({ text: String(count), fill: new Fill({ color: '#fff' }), font: 'bold 12px sans-serif', declutterMode: 'none' }),
    });
    counts.set(count, style);
  }
  return style;
}

/**
 * A point layer's style over OpenLayers' Cluster source: one feature is drawn with the layer's own style, several
 * close together as one circle with their count. Legend samples (no cluster) use the layer's style as they are.
 */
export function clustered(style: StyleFunction): StyleFunction {
  return (feature: FeatureLike, resolution: number) => {
    const members = feature.get('features') as FeatureLike[] | undefined;
    if (!members) {
      return style(feature, resolution);
    }
    return members.length === 1 ? style(members[0], resolution) : countStyle(members.length);
  };
}
