// No imports here: vite.config.ts writes this file into index.html as a script of its own, which asks for the first
// view's vector tiles while the browser is still loading and compiling the bundle (docs/BENCHMARKS.md, session 10).
// The bundle's tile sources then take those answers instead of asking again (takeFirstTile).

/** The URL of a collection's Mapbox Vector Tile, exactly as the viewer's tile sources ask for it. */
export const tileUrlTemplate = (collection: string) => `/ogcapi/collections/${collection}/tiles/WebMercatorQuad/{z}/{y}/{x}`;

/** The tile grid the viewer draws vector tiles from: WebMercatorQuad, 512-px tiles, tileMatrix 0–16. */
export const TILE_SIZE = 512;
export const TILE_MAX_ZOOM = 16;
/** OpenLayers' minZoom is exclusive: tiled layers other than polygons draw from zoom 12 on. */
export const TILED_MIN_ZOOM = 11.999;

// OpenLayers' Web Mercator (EPSG:3857) and the map's own zoom range (map.ts: minZoom 7).
const HALF_SIZE = Math.PI * 6378137;
const VIEW_MIN_ZOOM = 7;

interface TiledCollection {
  id: string;
  geometry: string;
}

/**
 * The tiles the viewer's first frame will ask for, computed as OpenLayers does (View.getResolutionForZoom,
 * TileGrid.getZForResolution with a vector tile source's zDirection 1, getTileRangeForExtentAndZ), for a permalink
 * with a centre, a zoom and the layers shown; none without them (the district view is fitted to the map, and shows
 * no tiled layer by default).
 */
export function firstTileUrls(hash: string, tiled: TiledCollection[], size: [number, number]): string[] {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const center = (params.get('c') ?? '').split(',').map(Number);
  const zoom = Number(params.get('z'));
  const shown = (params.get('l') ?? '').split(',');
  if (center.length !== 2 || !center.every(Number.isFinite) || !params.has('z') || !Number.isFinite(zoom)) {
    return [];
  }
  const x = (HALF_SIZE * center[0]) / 180;
  const y = 6378137 * Math.log(Math.tan((Math.PI * (center[1] + 90)) / 360));
  const maxResolution = (2 * HALF_SIZE) / 256 / Math.pow(2, VIEW_MIN_ZOOM);
  const resolution = maxResolution / Math.pow(2, Math.min(Math.max(zoom, VIEW_MIN_ZOOM), 19) - VIEW_MIN_ZOOM);
  const resolutions = Array.from({ length: TILE_MAX_ZOOM + 1 }, (_, z) => (2 * HALF_SIZE) / TILE_SIZE / Math.pow(2, z));
  // linearFindNearest with direction 1: the finest tile resolution not finer than the view's.
  const found = resolutions.findIndex((r) => r < resolution);
  const z = resolutions[0] <= resolution ? 0 : found === -1 ? TILE_MAX_ZOOM : found - 1;
  const tile = (value: number, last: boolean) => {
    const rounded = Number((value / resolutions[z] / TILE_SIZE).toFixed(5));
    return last ? Math.ceil(rounded) - 1 : Math.floor(rounded);
  };
  const [minX, maxX] = [tile(x - (resolution * size[0]) / 2 + HALF_SIZE, false), tile(x + (resolution * size[0]) / 2 + HALF_SIZE, true)];
  const [minY, maxY] = [tile(HALF_SIZE - (y + (resolution * size[1]) / 2), false), tile(HALF_SIZE - (y - (resolution * size[1]) / 2), true)];
  const urls: string[] = [];
  for (const collection of tiled.filter((c) => shown.includes(c.id) && (c.geometry === 'MultiPolygon' || zoom > TILED_MIN_ZOOM))) {
    for (let tileX = Math.max(minX, 0); tileX <= Math.min(maxX, 2 ** z - 1); tileX++) {
      for (let tileY = Math.max(minY, 0); tileY <= Math.min(maxY, 2 ** z - 1); tileY++) {
        urls.push(tileUrlTemplate(collection.id).replace('{z}', String(z)).replace('{y}', String(tileY)).replace('{x}', String(tileX)));
      }
    }
  }
  return urls;
}

declare global {
  interface Window {
    /** The first view's tiles asked for by index.html, by URL, until a tile source takes them. */
    firstTiles?: Map<string, Promise<ArrayBuffer>>;
    /** index.html's answer from /viewer/config, until the bundle takes it. */
    firstConfig?: Promise<Response>;
  }
}

/**
 * Run by index.html: once /viewer/config (preloaded) says which collections are drawn from tiles, asks for the
 * tiles of the permalink's view in a map the size the page's layout gives it (as OpenLayers' updateSize measures it).
 */
export async function fetchFirstTiles(configUrl: string, target: HTMLElement): Promise<void> {
  const style = getComputedStyle(target);
  const px = (value: string) => parseFloat(value);
  const size: [number, number] = [
    target.offsetWidth - px(style.borderLeftWidth) - px(style.paddingLeft) - px(style.paddingRight) - px(style.borderRightWidth),
    target.offsetHeight - px(style.borderTopWidth) - px(style.paddingTop) - px(style.paddingBottom) - px(style.borderBottomWidth),
  ];
  const answer = fetch(configUrl);
  // The bundle reads the same answer (takeFirstConfig): the preload serves one request only.
  window.firstConfig = answer.then((response) => response.clone());
  const config = (await (await answer).json()) as { collections: TiledCollection[]; tiledLayers?: string[] };
  const tiled = config.collections.filter((c) => config.tiledLayers?.includes(c.id));
  window.firstTiles = new Map(firstTileUrls(location.hash, tiled, size).map((url) => [url, fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url}: HTTP ${r.status}`))))]));
}

/** The answer index.html already asked for this tile URL, once; undefined when it did not ask for it. */
export function takeFirstTile(url: string): Promise<ArrayBuffer> | undefined {
  const answer = window.firstTiles?.get(url);
  window.firstTiles?.delete(url);
  return answer;
}

/** The answer index.html already had from /viewer/config, once; undefined when it did not ask. */
export function takeFirstConfig(): Promise<Response> | undefined {
  const answer = window.firstConfig;
  window.firstConfig = undefined;
  return answer;
}
