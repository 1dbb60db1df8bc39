import proj4 from 'proj4';
import { register } from 'ol/proj/proj4';
import { DATA_PROJECTION, MEASURE_PROJECTION, VIEW_PROJECTION } from './projections';

// Imported only by what measures (the measure panel on first use, the living-circle reach), so proj4 and its parsers
// are not part of the first render's bundle.
proj4.defs(DATA_PROJECTION, '+proj=longlat +ellps=GRS80 +no_defs +type=crs');
proj4.defs(MEASURE_PROJECTION, '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs');
// proj4 ships ~130 definitions (every UTM zone) and OpenLayers' register links every pair of the ones it is given:
// ~17,000 proj4 transforms, 0.5 s and more of script time (docs/BENCHMARKS.md, session 9). The viewer transforms only
// between these (with lon/lat, which toLonLat uses), so it registers only these.
const used = new Set(['EPSG:4326', VIEW_PROJECTION, DATA_PROJECTION, MEASURE_PROJECTION]);
const definitions = proj4.defs as unknown as Record<string, unknown>;
Object.keys(definitions).filter((code) => !used.has(code)).forEach((code) => delete definitions[code]);
register(proj4);
