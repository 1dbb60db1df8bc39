import { addEquivalentProjections, addEquivalentTransforms, get } from 'ol/proj';
import { fromEPSG4326, PROJECTIONS as WEB_MERCATOR, toEPSG4326 } from 'ol/proj/epsg3857';
import Projection from 'ol/proj/Projection';

/** Storage CRS of every layer: CGCS2000 geographic (the GRS80 ellipsoid; same as WGS84 at this accuracy). */
export const DATA_PROJECTION = 'EPSG:4490';
/** Display CRS: Web Mercator, so the optional 天地图 _w and OpenStreetMap tiles line up without reprojection. */
export const VIEW_PROJECTION = 'EPSG:3857';
/** Measurement CRS: the same planar CRS the service uses for areas (its definition: measureProjection.ts). */
export const MEASURE_PROJECTION = 'EPSG:4545';

// CGCS2000 lon/lat goes to Web Mercator exactly as WGS84 lon/lat does (proj4 applied no datum shift between them
// either: neither names one), so OpenLayers' own 4326 transforms serve it, and proj4 (a fifth of the bundle,
// docs/BENCHMARKS.md session 10) loads only with what measures in EPSG:4545.
const cgcs2000 = new Projection({ code: DATA_PROJECTION, units: 'degrees', extent: [-180, -90, 180, 90], worldExtent: [-180, -90, 180, 90], global: true });
addEquivalentProjections([get('EPSG:4326')!, cgcs2000]);
addEquivalentTransforms([cgcs2000], WEB_MERCATOR, fromEPSG4326, toEPSG4326);
