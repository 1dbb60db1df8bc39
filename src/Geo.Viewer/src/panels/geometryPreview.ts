import type { Geometry, Position } from 'geojson';

/** One geometry to draw, in CGCS2000 lon/lat as the API answers, and its colour. */
export interface PreviewShape {
  geometry: Geometry | null;
  colour: string;
}

/** The rings, lines and points of a geometry, each as a list of positions. */
function parts(geometry: Geometry): { lines: Position[][]; points: Position[]; closed: boolean } {
  switch (geometry.type) {
    case 'Point':
      return { lines: [], points: [geometry.coordinates], closed: false };
    case 'MultiPoint':
      return { lines: [], points: geometry.coordinates, closed: false };
    case 'LineString':
      return { lines: [geometry.coordinates], points: [], closed: false };
    case 'MultiLineString':
      return { lines: geometry.coordinates, points: [], closed: false };
    case 'Polygon':
      return { lines: geometry.coordinates, points: [], closed: true };
    case 'MultiPolygon':
      return { lines: geometry.coordinates.flat(), points: [], closed: true };
    case 'GeometryCollection': {
      const all = geometry.geometries.map(parts);
      return { lines: all.flatMap((p) => p.lines), points: all.flatMap((p) => p.points), closed: all.some((p) => p.closed) };
    }
  }
}

/**
 * A small drawing of one or more geometries in a common frame (lon scaled by cos(lat), so shapes keep their
 * proportions at Kaizhou's latitude): enough to see which version moved a vertex, without a map of its own per row.
 */
export function geometryPreview(shapes: PreviewShape[], width = 96, height = 72): HTMLCanvasElement {
  const canvas = Object.assign(document.createElement('canvas'), { className: 'geometry-preview' });
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const drawn = shapes.filter((s) => s.geometry).map((s) => ({ ...parts(s.geometry!), colour: s.colour }));
  const all = drawn.flatMap((d) => [...d.lines.flat(), ...d.points]);
  const context = canvas.getContext('2d');
  if (all.length === 0 || !context) {
    return canvas;
  }
  const lats = all.map((p) => p[1]);
  const cos = Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
  const xs = all.map((p) => p[0] * cos);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...lats), Math.max(...lats)];
  const margin = 6;
  // A point alone has no size: any scale centres it.
  const scale = Math.min((width - 2 * margin) / (maxX - minX || 1), (height - 2 * margin) / (maxY - minY || 1));
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  const toPixel = (p: Position): [number, number] => [offsetX + (p[0] * cos - minX) * scale, height - offsetY - (p[1] - minY) * scale];
  context.scale(ratio, ratio);
  context.lineWidth = 1.5;
  for (const shape of drawn) {
    context.strokeStyle = shape.colour;
    context.fillStyle = shape.colour;
    context.beginPath();
    for (const line of shape.lines) {
      line.forEach((p, i) => (i === 0 ? context.moveTo(...toPixel(p)) : context.lineTo(...toPixel(p))));
    }
    if (shape.closed) {
      context.globalAlpha = 0.2;
      context.fill('evenodd');
      context.globalAlpha = 1;
    }
    context.stroke();
    for (const point of shape.points) {
      context.beginPath();
      context.arc(...toPixel(point), 3, 0, 2 * Math.PI);
      context.fill();
    }
  }
  return canvas;
}
