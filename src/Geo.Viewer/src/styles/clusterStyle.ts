import type { FeatureLike } from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { StyleFunction } from 'ol/style/Style';

/** Count circles are always drawn and keep labels off themselves (an obstacle to decluttering): labels give way. */
const counts = new Map<number, Style>();

function countStyle(count: number): Style {
  let style = counts.get(count);
  if (!style) {
    style = new Style({
      image: new Circle({ radius: 9 + Math.min(8, Math.sqrt(count) * 2), declutterMode: 'obstacle', fill: new Fill({ color: '#364fc7' }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
      text: new Text({ text: String(count), fill: new Fill({ color: '#fff' }), font: 'bold 12px sans-serif', declutterMode: 'none' }),
    });
    counts.set(count, style);
  }
  return style;
}

/** A lone member's style drawn on the member's own geometry: a polygon (a project's site) keeps its outline. */
function onOwnGeometry(styles: Style | Style[] | void, geometry: Geometry): Style | Style[] | void {
  const moved = (style: Style) => {
    const copy = style.clone();
    copy.setGeometry(geometry);
    return copy;
  };
  return Array.isArray(styles) ? styles.map(moved) : styles && moved(styles);
}

/**
 * A layer's style over OpenLayers' Cluster source: one feature is drawn with the layer's own style, several close
 * together as one circle with their count. Legend samples (no cluster) use the layer's style as they are.
 */
export function clustered(style: StyleFunction): StyleFunction {
  return (feature: FeatureLike, resolution: number) => {
    const members = feature.get('features') as FeatureLike[] | undefined;
    if (!members) {
      return style(feature, resolution);
    }
    if (members.length > 1) {
      return countStyle(members.length);
    }
    const geometry = members[0].getGeometry();
    const styles = style(members[0], resolution);
    // The cluster stands at a polygon's interior point; a point member is already where the cluster is.
    return geometry && geometry.getType() !== 'Point' ? onOwnGeometry(styles, geometry as Geometry) : styles;
  };
}
