import type Feature from 'ol/Feature';
import type { Polygon } from 'ol/geom';
import { searchItems } from '../api';
import { geoJson } from '../layers/dataLayers';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';

/**
 * The projects inside a drawn area (in view coordinates): one POST of a CQL2 S_INTERSECTS filter to the OGC API's
 * search route, so the server decides with the same test it uses for every other client, and long polygons fit.
 */
export async function projectsInArea(area: Polygon, signal?: AbortSignal): Promise<Feature[]> {
  const ring = (area.clone().transform(VIEW_PROJECTION, DATA_PROJECTION) as Polygon).getCoordinates();
  const filter = { op: 's_intersects', args: [{ property: 'geometry' }, { type: 'Polygon', coordinates: ring }] };
  const features = await searchItems('projects', filter, signal);
  return geoJson.readFeatures({ type: 'FeatureCollection', features });
}
