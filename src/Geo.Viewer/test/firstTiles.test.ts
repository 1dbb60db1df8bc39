import { describe, expect, it } from 'vitest';
import View from 'ol/View';
import { fromLonLat, get } from 'ol/proj';
import { createXYZ } from 'ol/tilegrid';
import { firstTileUrls } from '../src/layers/firstTiles';

const parcels = [{ id: 'parcels', geometry: 'MultiPolygon' }];

// What OpenLayers itself asks for (the renderer's steps: the view's extent for the map size, the source grid's z for
// the view resolution with a vector tile source's zDirection 1, the tile range over that extent), for comparison.
function openLayersTiles(center: [number, number], zoom: number, size: [number, number]): string[] {
  const view = new View({ projection: 'EPSG:3857', minZoom: 7, maxZoom: 19 });
  view.setCenter(fromLonLat(center));
  view.setZoom(zoom);
  const grid = createXYZ({ extent: get('EPSG:3857')!.getExtent(), maxZoom: 16, tileSize: 512 });
  const z = grid.getZForResolution(view.getResolution()!, 1);
  const range = grid.getTileRangeForExtentAndZ(view.calculateExtent(size), z);
  const urls: string[] = [];
  for (let x = range.minX; x <= range.maxX; x++) {
    for (let y = range.minY; y <= range.maxY; y++) {
      urls.push(`/ogcapi/collections/parcels/tiles/WebMercatorQuad/${z}/${y}/${x}`);
    }
  }
  return urls;
}

describe('firstTileUrls', () => {
  // The benchmark's view (bench/viewer-scale.sh): the 汉丰 seat at zoom 13 in the 1280 × 800 window's map area. Tile
  // 12/1674/3281 holds the seat (docs/BENCHMARKS.md, counted there with GDAL's MVT driver); six z12 tiles in all.
  it('asks for the six z12 tiles of the benchmark view', () => {
    const urls = firstTileUrls('#c=108.41,31.2&z=13&l=district,parcels', parcels, [989, 745]);
    expect(urls).toHaveLength(6);
    expect(urls).toContain('/ogcapi/collections/parcels/tiles/WebMercatorQuad/12/1674/3281');
    expect(urls.every((url) => url.includes('/WebMercatorQuad/12/'))).toBe(true);
  });

  it('asks for what OpenLayers asks for, at whole and fractional zooms and any map size', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 300; i++) {
      const center: [number, number] = [107.9 + random(), 30.8 + random() * 0.9];
      const zoom = i % 3 === 0 ? 7 + Math.floor(random() * 12) : 7 + random() * 12;
      const size: [number, number] = [200 + Math.floor(random() * 1800), 200 + Math.floor(random() * 1000)];
      const hash = `#c=${center.join(',')}&z=${zoom}&l=parcels`;
      expect(firstTileUrls(hash, parcels, size).sort(), hash + ` ${size}`).toEqual(openLayersTiles(center, zoom, size).sort());
    }
  });

  it('asks for nothing the view does not draw from tiles', () => {
    expect(firstTileUrls('#c=108.41,31.2&z=13&l=district', parcels, [989, 745])).toEqual([]);
    expect(firstTileUrls('#l=parcels', parcels, [989, 745])).toEqual([]);
    // Points are drawn from tiles from zoom 12 only (OpenLayers' minZoom 11.999 is exclusive).
    expect(firstTileUrls('#c=108.41,31.2&z=11.5&l=projects', [{ id: 'projects', geometry: 'Point' }], [989, 745])).toEqual([]);
    expect(firstTileUrls('#c=108.41,31.2&z=12&l=projects', [{ id: 'projects', geometry: 'Point' }], [989, 745])).toHaveLength(6);
  });
});
