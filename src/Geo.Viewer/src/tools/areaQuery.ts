import type Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import type { Polygon } from 'ol/geom';
import { fetchAllItems } from '../api';
import { geoJson } from '../layers/dataLayers';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import { intersectsArea } from './geometryIntersects';

/** Reads features in storage coordinates, so the exact test runs in the same CRS as the server's ST_Intersects. */
const storageGeoJson = new GeoJSON({ dataProjection: DATA_PROJECTION, featureProjection: DATA_PROJECTION });

/**
 * The projects inside a drawn area (in view coordinates). Today: the OGC API's bbox of the area narrows the candidates,
 * then an exact polygon-intersects test runs here. When `POST /ogcapi/collections/projects/search` (CQL2 S_INTERSECTS)
 * lands on main, this function becomes one POST with the polygon in the body (long polygons do not fit in a URL) and
 * the client-side test goes away; callers do not change.
 */
export async function projectsInArea(area: Polygon, signal?: AbortSignal): Promise<Feature[]> {
  const areaInStorage = area.clone().transform(VIEW_PROJECTION, DATA_PROJECTION) as Polygon;
  const candidates = await fetchAllItems('projects', areaInStorage.getExtent(), signal);
  const collection = { type: 'FeatureCollection' as const, features: candidates };
  const inStorage = storageGeoJson.readFeatures(collection);
  const inside = new Set(inStorage.filter((f) => intersectsArea(areaInStorage, f.getGeometry()!)).map((f) => f.getId()));
  return geoJson.readFeatures(collection).filter((f) => inside.has(f.getId()));
}
