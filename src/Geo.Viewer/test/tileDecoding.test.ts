import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import MVT from 'ol/format/MVT';
import type RenderFeature from 'ol/render/Feature';
import { get } from 'ol/proj';
import { createXYZ } from 'ol/tilegrid';
import { renderFeatures } from '../src/layers/dataLayers';
import { decodeTile, tileExtent } from '../src/layers/firstTiles';

// Tiles as the service answered them (PostGIS, bench/viewer-scale.sh's 1,000,000 generated parcels and gis-data):
// exact parcels with ids (z15), points and polygons (projects), lines (flows), multipolygons (zones), each with its
// feature count as GDAL's MVT driver reads it (`ogrinfo -al -so`).
const tiles = [
  { file: 'parcels-15-13394-26247.mvt', z: 15, x: 26247, y: 13394, gdalFeatures: 319 },
  { file: 'projects-12-1674-3281.mvt', z: 12, x: 3281, y: 1674, gdalFeatures: 22 },
  { file: 'relocation_flows-11-837-1640.mvt', z: 11, x: 1640, y: 837, gdalFeatures: 17 },
  { file: 'zones-12-1674-3281.mvt', z: 12, x: 3281, y: 1674, gdalFeatures: 2 },
  { file: 'constraints-12-1674-3281.mvt', z: 12, x: 3281, y: 1674, gdalFeatures: 2 },
];

// The viewer's tile grid (layers/dataLayers.ts: WebMercatorQuad, 512-px tiles).
const grid = createXYZ({ extent: get('EPSG:3857')!.getExtent(), maxZoom: 16, tileSize: 512 });

// Relative to the package, where vitest runs (happy-dom gives import.meta.url an http: address).
const read = (file: string) => {
  const bytes = readFileSync(`test/tiles/${file}`);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};

const summary = (f: RenderFeature) => ({
  type: f.getType(),
  id: f.getId(),
  properties: f.getProperties(),
  ends: f.getEnds(),
  flatCoordinates: f.getFlatCoordinates(),
});

describe('decodeTile and renderFeatures (the first tiles, decoded in a worker)', () => {
  for (const tile of tiles) {
    it(`reads ${tile.file} as OpenLayers' MVT format does`, () => {
      const extent = grid.getTileCoordExtent([tile.z, tile.x, tile.y]);
      const expected = new MVT().readFeatures(read(tile.file), { extent, featureProjection: 'EPSG:3857' });
      const url = `/ogcapi/collections/x/tiles/WebMercatorQuad/${tile.z}/${tile.y}/${tile.x}`;
      expect(tileExtent(url)).toEqual(extent);
      const actual = renderFeatures(decodeTile(read(tile.file), tileExtent(url)));
      expect(expected).toHaveLength(tile.gdalFeatures);
      expect(actual.map(summary)).toEqual(expected.map(summary));
    });
  }
});
