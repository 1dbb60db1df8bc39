import type { FeatureLike } from 'ol/Feature';
import { LineString, Polygon } from 'ol/geom';
import { Fill, Stroke, Style } from 'ol/style';
import { flowCurve } from './flowCurve';
import { flowColour } from './palette';

/** Line width in pixels per person: width ∝ persons (684 persons → about 11 px). */
const pixelsPerPerson = 1 / 60;

export function flowWidth(persons: number): number {
  return persons * pixelsPerPerson;
}

/**
 * The last styles drawn for each flow: OpenLayers asks again on every frame while the first view's layers and tiles
 * arrive (tens of frames), and at one resolution the curve and its arrowhead are the same.
 */
const drawn = new WeakMap<FeatureLike, { resolution: number; line: LineString; revision: number; persons: unknown; styles: Style[] }>();

export function flowStyle(feature: FeatureLike, resolution: number): Style[] {
  const line = feature.getGeometry() as LineString;
  const last = drawn.get(feature);
  if (last && last.resolution === resolution && last.line === line && last.revision === line.getRevision() && last.persons === feature.get('persons')) {
    return last.styles;
  }
  const styles = flowStyles(line, feature.get('persons') as number, resolution);
  drawn.set(feature, { resolution, line, revision: line.getRevision(), persons: feature.get('persons'), styles });
  return styles;
}

function flowStyles(line: LineString, persons: number, resolution: number): Style[] {
  const coordinates = line.getCoordinates();
  const origin = coordinates[0];
  const destination = coordinates[coordinates.length - 1];
  const width = flowWidth(persons);
  const curve = flowCurve(origin, destination);

  // The arrowhead is a triangle in map units sized from pixels, so it looks the same at every zoom.
  const headLength = (8 + width * 1.6) * resolution;
  const headHalfWidth = (4 + width * 1.1) * resolution;
  const tip = curve[curve.length - 1];
  const before = curve[curve.length - 3];
  const angle = Math.atan2(tip[1] - before[1], tip[0] - before[0]);
  const base = [tip[0] - Math.cos(angle) * headLength, tip[1] - Math.sin(angle) * headLength];
  const normal = [-Math.sin(angle) * headHalfWidth, Math.cos(angle) * headHalfWidth];
  const head = new Polygon([[tip, [base[0] + normal[0], base[1] + normal[1]], [base[0] - normal[0], base[1] - normal[1]], tip]]);

  // The shaft stops at the arrowhead's base, so a wide line does not poke through the tip.
  const shaft = curve.slice(0, -2).concat([base]);
  return [
    new Style({ geometry: new LineString(shaft), stroke: new Stroke({ color: 'rgba(255,255,255,0.8)', width: width + 2 }) }),
    new Style({ geometry: new LineString(shaft), stroke: new Stroke({ color: flowColour, width, lineCap: 'butt' }) }),
    new Style({ geometry: head, fill: new Fill({ color: flowColour }), stroke: new Stroke({ color: 'rgba(255,255,255,0.8)', width: 1 }) }),
  ];
}
