import type OlMap from 'ol/Map';
import type { Geometry } from 'ol/geom';
import { LineString, MultiPolygon, Point, Polygon } from 'ol/geom';
import type VectorLayer from 'ol/layer/Vector';
import type VectorSource from 'ol/source/Vector';
import { geoJson, type DataLayer } from './layers/dataLayers';
import type { QueryPanel } from './panels/queryPanel';
import type { IdentifyPopup } from './panels/identify';
import { transform, transformExtent } from 'ol/proj';
import { DATA_PROJECTION, VIEW_PROJECTION } from './projections';
import { mapBackground } from './styles/palette';
import { flowCurveMiddle } from './styles/flowCurve';
import { composeMapCanvas } from './tools/composeMap';

/**
 * A point of a geometry that is drawn by its style: inside a polygon, at a point, at the middle of a flow's curve;
 * on the outline (first vertex) for styles that draw only the outline.
 */
function probeCoordinate(geometry: Geometry, onOutline = false): number[] {
  if (onOutline && (geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
    return geometry.getFirstCoordinate();
  }
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
export function installTestHooks(map: OlMap, layers: DataLayer[], query: QueryPanel, identify: IdentifyPopup): void {
  const layer = (id: string) => layers.find((l) => l.definition.id === id)!;
  Object.assign(window, {
    __viewer: {
      map,
      /** The CSS-pixel position of a feature's probe point in the current view. */
      pixelOf: (layerId: string, featureId: number, onOutline = false) =>
        map.getPixelFromCoordinate(probeCoordinate(layer(layerId).source.getFeatureById(featureId)!.getGeometry()!, onOutline)),
      /** The CSS-pixel position of a CGCS2000 lon/lat. */
      pixelOfLonLat: (lon: number, lat: number) => map.getPixelFromCoordinate(transform([lon, lat], DATA_PROJECTION, VIEW_PROJECTION)),
      /** The CGCS2000 lon/lat under a CSS pixel of the map. */
      lonLatOfPixel: (x: number, y: number) => transform(map.getCoordinateFromPixel([x, y]), VIEW_PROJECTION, DATA_PROJECTION),
      /** Fits the view to a CGCS2000 lon/lat box and resolves once the map has rendered there. */
      fitLonLat: (extent: number[]) =>
        new Promise<void>((resolve) => {
          map.getView().fit(transformExtent(extent, DATA_PROJECTION, VIEW_PROJECTION), { padding: [60, 60, 60, 60] });
          map.once('rendercomplete', () => resolve());
          map.render();
        }),
      queryAreaExtent: () => query.areaExtent(),
      queryResultIds: () => query.resultIds(),
      /** What the query panel last asked of /api/analysis/projects-in-area. */
      queryRequest: () => query.areaRequest(),
      complianceHighlights: () => identify.complianceHighlights(),
      /** What an analysis drew on the map (the layer with that `overlay` property), as GeoJSON in CGCS2000 lon/lat. */
      overlayFeatures: (name: string) => {
        const overlay = map.getAllLayers().find((l) => l.get('overlay') === name) as VectorLayer<VectorSource> | undefined;
        return overlay ? geoJson.writeFeaturesObject(overlay.getSource()!.getFeatures()) : null;
      },
      /** The current view's extent in CGCS2000 lon/lat. */
      viewLonLat: () => transformExtent(map.getView().calculateExtent(map.getSize()), VIEW_PROJECTION, DATA_PROJECTION),
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
