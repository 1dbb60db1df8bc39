import { describe, expect, it } from 'vitest';
import { toLonLat, transform } from 'ol/proj';
import '../src/measureProjection';
import { DATA_PROJECTION, MEASURE_PROJECTION, VIEW_PROJECTION } from '../src/projections';

// Expected values from PROJ 9.1.1: `echo "31.17 108.41" | cs2cs -f %.4f EPSG:4490 EPSG:4545` (northing, easting)
// and `… EPSG:4490 EPSG:3857` (easting, northing).
describe('projections', () => {
  it('projects CGCS2000 lon/lat to EPSG:4545 as PROJ does', () => {
    const [x, y] = transform([108.41, 31.17], DATA_PROJECTION, MEASURE_PROJECTION);
    expect(x).toBeCloseTo(539087.267, 2);
    expect(y).toBeCloseTo(3449894.7658, 2);
  });

  it('projects CGCS2000 lon/lat to Web Mercator as PROJ does', () => {
    const [x, y] = transform([108.41, 31.17], DATA_PROJECTION, VIEW_PROJECTION);
    expect(x).toBeCloseTo(12068145.9969, 2);
    expect(y).toBeCloseTo(3654846.6153, 2);
  });

  // The measure panel and the reach go from the map's Web Mercator to EPSG:4545 directly; `… EPSG:3857 EPSG:4545`.
  it('projects Web Mercator to EPSG:4545 as PROJ does', () => {
    const [x, y] = transform([12068145.9969, 3654846.6153], VIEW_PROJECTION, MEASURE_PROJECTION);
    expect(x).toBeCloseTo(539087.267, 2);
    expect(y).toBeCloseTo(3449894.7658, 2);
  });

  // The permalink writes the centre with toLonLat (EPSG:4326); `… EPSG:4545 EPSG:4326` gives 31.17, 108.41.
  it('projects EPSG:4545 back to lon/lat as PROJ does', () => {
    const [lon, lat] = toLonLat(transform([539087.267, 3449894.7658], MEASURE_PROJECTION, VIEW_PROJECTION));
    expect(lon).toBeCloseTo(108.41, 6);
    expect(lat).toBeCloseTo(31.17, 6);
  });

  it('puts the central meridian 108°E at false easting 500 km', () => {
    expect(transform([108, 31], DATA_PROJECTION, MEASURE_PROJECTION)[0]).toBeCloseTo(500000, 3);
  });
});
