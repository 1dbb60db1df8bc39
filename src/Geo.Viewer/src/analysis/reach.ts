import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import GeoJSONWriter from 'jsts/org/locationtech/jts/io/GeoJSONWriter.js';
import BufferOp from 'jsts/org/locationtech/jts/operation/buffer/BufferOp.js';
import GeoJSON from 'ol/format/GeoJSON';
import type { Geometry } from 'ol/geom';
import '../measureProjection';
import { MEASURE_PROJECTION, VIEW_PROJECTION } from '../projections';

const planar = new GeoJSON();
const reader = new GeoJSONReader(new GeometryFactory());
const writer = new GeoJSONWriter();

/**
 * Everything within a straight-line distance of an area, as the service measures it: a buffer of the outline in
 * EPSG:4545 (metres, the service's planar CRS), not in Web Mercator, where 1000 m on the map is ~1170 m at Kaizhou.
 */
export function reachOf(area: Geometry, distanceMetres: number): Geometry {
  const metres = area.clone().transform(VIEW_PROJECTION, MEASURE_PROJECTION);
  // 16 segments per quarter circle: the arcs stay within ~5 m of the true distance at 1000 m.
  const buffered = BufferOp.bufferOp(reader.read(planar.writeGeometryObject(metres)), distanceMetres, 16);
  return planar.readGeometry(writer.write(buffered)).transform(MEASURE_PROJECTION, VIEW_PROJECTION);
}
