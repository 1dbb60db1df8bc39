import type OlMap from 'ol/Map';
import type { Geometry } from 'ol/geom';
import { LineString, MultiPolygon, Point, Polygon } from 'ol/geom';
import type { DataLayer } from './layers/dataLayers';
import { mapBackground } from './styles/palette';
import { flowCurveMiddle } from './styles/flowCurve';
import { composeMapCanvas } from './tools/composeMap';

/** A point of a geometry that is drawn by its style: inside a polygon, at a point, at the middle of a flow's curve. */
function probeCoordinate(geometry: Geometry): number[] {
  if (geometry instanceof Point) {
    return geometry.getCoordinates();
  }
  if (geometry instanceof Polygon) {
    return geometry.getInteriorPoint().getCoordinates().slice(0, 2);
  }
  if (geometry instanceof MultiPolygon) {
    return geometry.getInteriorPoints().getPoint(0).getCoordinates().slice(0, 2);
  }
  const line = geometry as LineString;
  return flowCurveMiddle(line.getFirstCoordinate(), line.getLastCoordinate());
}

/**
 * A small window for the browser tests and the benchmark: they read what the map drew (pixels, feature positions)
 * instead of trusting the code that drew it.
 */
export function installTestHooks(map: OlMap, layers: DataLayer[]): void {
  const layer = (id: string) => layers.find((l) => l.definition.id === id)!;
  Object.assign(window, {
    __viewer: {
      map,
      /** The CSS-pixel position of a feature's probe point in the current view. */
      pixelOf: (layerId: string, featureId: number) => map.getPixelFromCoordinate(probeCoordinate(layer(layerId).source.getFeatureById(featureId)!.getGeometry()!)),
      /** The RGBA values of a square of pixels around a CSS-pixel position in the composed map. */
      pixelsAround: (x: number, y: number, radius: number) => {
        const canvas = composeMapCanvas(map, mapBackground);
        const data = canvas.getContext('2d')!.getImageData(Math.round(x) - radius, Math.round(y) - radius, radius * 2 + 1, radius * 2 + 1).data;
        return Array.from(data);
      },
      /** Zooms to a feature and resolves once the map has rendered there. */
      zoomToFeature: (layerId: string, featureId: number, zoom: number) =>
        new Promise<void>((resolve) => {
          const geometry = layer(layerId).source.getFeatureById(featureId)!.getGeometry()!;
          map.getView().setCenter(probeCoordinate(geometry));
          map.getView().setZoom(zoom);
          map.once('rendercomplete', () => resolve());
          map.render();
        }),
      /** Shows only the given layers and resolves once the map has rendered. */
      showOnly: (ids: string[]) =>
        new Promise<void>((resolve) => {
          layers.forEach((l) => l.layer.setVisible(ids.includes(l.definition.id)));
          map.once('rendercomplete', () => resolve());
          map.render();
        }),
    },
  });
}
