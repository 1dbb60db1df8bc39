import proj4 from 'proj4';
import { register } from 'ol/proj/proj4';

/** Storage CRS of every layer: CGCS2000 geographic (the GRS80 ellipsoid; same as WGS84 at this accuracy). */
export const DATA_PROJECTION = 'EPSG:4490';
/** Display CRS: Web Mercator, so the optional 天地图 _w and OpenStreetMap tiles line up without reprojection. */
export const VIEW_PROJECTION = 'EPSG:3857';
/** Measurement CRS: the same planar CRS the service uses for areas (CGCS2000 / 3-degree GK CM 108E). */
export const MEASURE_PROJECTION = 'EPSG:4545';

proj4.defs('EPSG:4490', '+proj=longlat +ellps=GRS80 +no_defs +type=crs');
proj4.defs('EPSG:4545', '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs');
// proj4 ships ~130 definitions (every UTM zone) and OpenLayers' register links every pair of the ones it is given:
// ~17,000 proj4 transforms, 0.5 s and more of script time before the first frame (docs/BENCHMARKS.md, session 9).
// The viewer transforms only between these, so it registers only these (with lon/lat, which toLonLat uses).
const used = new Set(['EPSG:4326', VIEW_PROJECTION, DATA_PROJECTION, MEASURE_PROJECTION]);
const definitions = proj4.defs as unknown as Record<string, unknown>;
Object.keys(definitions).filter((code) => !used.has(code)).forEach((code) => delete definitions[code]);
register(proj4);
