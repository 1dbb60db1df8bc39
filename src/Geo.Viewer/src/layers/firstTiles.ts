// No imports here: vite.config.ts writes this file into index.html as a script of its own, which asks for the first
// view's vector tiles while the browser is still loading and compiling the bundle (docs/BENCHMARKS.md, session 10),
// and into tileWorker.js, the worker that decodes them on the second core meanwhile (session 11). The bundle's tile
// sources then take those features instead of asking again (takeFirstTile).

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

/** One feature of a Mapbox Vector Tile, decoded as OpenLayers' MVT format reads it, coordinates still in tile units. */
export interface DecodedFeature {
  /** OpenLayers' RenderFeature type: 'Point', 'MultiPoint', 'LineString', 'MultiLineString' or 'Polygon' (rings by winding). */
  type: string;
  /** x, y pairs in Web Mercator metres (the view's projection), each polygon ring closed. */
  flatCoordinates: Float64Array;
  ends: number[];
  properties: Record<string, unknown>;
  id: number | undefined;
}

/**
 * A tile's extent in Web Mercator metres from its URL (…/{z}/{y}/{x}), by the same arithmetic as OpenLayers'
 * TileGrid.getTileCoordExtent on the viewer's grid (createXYZ over EPSG:3857's extent, 512-px tiles).
 */
export function tileExtent(url: string): [number, number, number, number] {
  const [z, y, x] = url.split('/').slice(-3).map(Number);
  const resolution = (HALF_SIZE - -HALF_SIZE) / TILE_SIZE / Math.pow(2, z);
  const minX = -HALF_SIZE + x * TILE_SIZE * resolution;
  const minY = HALF_SIZE - (y + 1) * TILE_SIZE * resolution;
  return [minX, minY, minX + TILE_SIZE * resolution, minY + TILE_SIZE * resolution];
}

/**
 * Decodes a Mapbox Vector Tile (protocol buffers, spec 2.1) into the features OpenLayers' MVT format reads from it
 * (ol/format/MVT.js: readRawGeometry_, createFeature_, with its default layerName property 'layer'), placed on the
 * tile's extent as RenderFeature.transform places them, without OpenLayers: run in a worker (tileWorker.js), it takes
 * the first view's parsing off the page's main thread while that compiles the bundle.
 */
export function decodeTile(buffer: ArrayBuffer, extent: [number, number, number, number]): DecodedFeature[] {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let pos = 0;
  const varint = () => {
    let value = 0;
    let shift = 1;
    let byte;
    do {
      byte = bytes[pos++];
      value += (byte & 0x7f) * shift;
      shift *= 128;
    } while (byte >= 0x80);
    return value;
  };
  // int64_value: a negative one is written as its ten-byte two's complement.
  const int64 = () => {
    let value = 0n;
    let shift = 0n;
    let byte;
    do {
      byte = bytes[pos++];
      value |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    } while (byte >= 0x80);
    return Number(BigInt.asIntN(64, value));
  };
  const zigzag = (n: number) => (n % 2 === 1 ? (n + 1) / -2 : n / 2);
  const text = (end: number) => new TextDecoder().decode(bytes.subarray(pos, end));
  const skip = (wire: number) => {
    pos = wire === 0 ? (varint(), pos) : wire === 1 ? pos + 8 : wire === 2 ? varint() + pos : wire === 5 ? pos + 4 : bytes.length;
  };
  const features: DecodedFeature[] = [];
  while (pos < bytes.length) {
    const tag = varint();
    if (tag >> 3 !== 3 || (tag & 7) !== 2) {
      skip(tag & 7);
      continue;
    }
    const layerEnd = varint() + pos;
    let name = '';
    let units = 4096;
    const keys: string[] = [];
    const values: unknown[] = [];
    const raw: Array<{ id?: number; tags: number[]; type: number; geometry: number }> = [];
    while (pos < layerEnd) {
      const field = varint();
      const end = (field & 7) === 2 ? varint() + pos : 0;
      switch (field >> 3) {
        case 1:
          name = text(end);
          pos = end;
          break;
        case 2: {
          const feature: { id?: number; tags: number[]; type: number; geometry: number } = { tags: [], type: 0, geometry: -1 };
          while (pos < end) {
            const f = varint();
            if (f >> 3 === 1) {
              feature.id = varint();
            } else if (f >> 3 === 2) {
              const tagsEnd = varint() + pos;
              while (pos < tagsEnd) {
                feature.tags.push(varint());
              }
            } else if (f >> 3 === 3) {
              feature.type = varint();
            } else if (f >> 3 === 4) {
              feature.geometry = pos;
              pos = varint() + pos;
            } else {
              skip(f & 7);
            }
          }
          raw.push(feature);
          break;
        }
        case 3:
          keys.push(text(end));
          pos = end;
          break;
        case 4: {
          let value: unknown = null;
          while (pos < end) {
            const kind = varint() >> 3;
            if (kind === 1) {
              const stringEnd = varint() + pos;
              value = text(stringEnd);
              pos = stringEnd;
            } else if (kind === 2) {
              value = view.getFloat32(pos, true);
              pos += 4;
            } else if (kind === 3) {
              value = view.getFloat64(pos, true);
              pos += 8;
            } else if (kind === 4) {
              value = int64();
            } else if (kind === 5) {
              value = varint();
            } else if (kind === 6) {
              value = zigzag(varint());
            } else if (kind === 7) {
              value = varint() === 1;
            }
          }
          values.push(value);
          break;
        }
        case 5:
          units = varint();
          break;
        default:
          if ((field & 7) === 2) {
            pos = end;
          } else {
            skip(field & 7);
          }
      }
    }
    for (const feature of raw) {
      if (feature.type === 0 || feature.geometry < 0) {
        continue;
      }
      const properties: Record<string, unknown> = {};
      for (let i = 0; i + 1 < feature.tags.length; i += 2) {
        properties[keys[feature.tags[i]]] = values[feature.tags[i + 1]];
      }
      properties.layer = name;
      pos = feature.geometry;
      features.push({ ...geometry(varint() + pos, feature.type, units), properties, id: feature.id });
    }
    pos = layerEnd;
  }
  return features;

  // The command stream (MoveTo 1, LineTo 2, ClosePath 7): ClosePath repeats the ring's first point, as OpenLayers does.
  function geometry(end: number, type: number, units: number): Pick<DecodedFeature, 'type' | 'flatCoordinates' | 'ends'> {
    const flat: number[] = [];
    const ends: number[] = [];
    let x = 0;
    let y = 0;
    let command = 1;
    let count = 0;
    let ringStart = 0;
    while (pos < end) {
      if (count === 0) {
        const header = varint();
        command = header & 7;
        count = header >> 3;
        if (command === 7) {
          if (flat.length > ringStart) {
            flat.push(flat[ringStart], flat[ringStart + 1]);
          }
          count = 0;
          continue;
        }
        if (count === 0) {
          continue;
        }
      }
      count--;
      x += zigzag(varint());
      y += zigzag(varint());
      if (command === 1 && flat.length > ringStart) {
        ends.push(flat.length);
        ringStart = flat.length;
      }
      flat.push(x, y);
    }
    if (flat.length > ringStart) {
      ends.push(flat.length);
    }
    const kind = type === 1 ? (ends.length === 1 ? 'Point' : 'MultiPoint') : type === 2 ? (ends.length === 1 ? 'LineString' : 'MultiLineString') : 'Polygon';
    // RenderFeature.transform's placing (transform2D with compose(minX, maxY, scale, -scale)); the same doubles.
    const scale = (extent[3] - extent[1]) / units;
    const placed = new Float64Array(flat.length);
    for (let i = 0; i < flat.length; i += 2) {
      placed[i] = scale * flat[i] + extent[0];
      placed[i + 1] = -scale * flat[i + 1] + extent[3];
    }
    return { type: kind, flatCoordinates: placed, ends };
  }
}

declare global {
  interface Window {
    /** The first view's tiles asked for by index.html and decoded, by URL, until a tile source takes them. */
    firstTiles?: Map<string, Promise<DecodedFeature[]>>;
    /** index.html's answer from /viewer/config, until the bundle takes it. */
    firstConfig?: Promise<Response>;
  }
}

/**
 * Run by index.html: once /viewer/config (preloaded) says which collections are drawn from tiles, asks for the
 * tiles of the permalink's view in a map the size the page's layout gives it (as OpenLayers' updateSize measures it),
 * and has them decoded by a worker running tileWorker.js (the same code, {@link answerDecodeRequests}).
 */
export async function fetchFirstTiles(configUrl: string, target: HTMLElement, workerUrl: string): Promise<void> {
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
  const urls = firstTileUrls(location.hash, tiled, size);
  const decode = urls.length > 0 ? tileDecoder(workerUrl) : decodeHere;
  window.firstTiles = new Map(urls.map((url) => [url, fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url}: HTTP ${r.status}`)))).then((buffer) => decode(url, buffer))]));
}

type Decode = (url: string, buffer: ArrayBuffer) => Promise<DecodedFeature[]>;

const decodeHere: Decode = async (url, buffer) => decodeTile(buffer, tileExtent(url));

/** Decodes tiles in a worker (the page's second core), in the page where no worker starts. */
function tileDecoder(workerUrl: string): Decode {
  let worker: Worker;
  try {
    worker = new Worker(workerUrl);
  } catch {
    return decodeHere;
  }
  const pending = new Map<string, { resolve: (features: DecodedFeature[]) => void; reject: (error: Error) => void }>();
  worker.onmessage = ({ data }: MessageEvent<{ url: string; features?: DecodedFeature[]; error?: string }>) => {
    const answer = pending.get(data.url);
    pending.delete(data.url);
    if (data.features) {
      answer?.resolve(data.features);
    } else {
      answer?.reject(new Error(`${data.url}: ${data.error}`));
    }
  };
  // A worker that cannot start (its script not found, say) fails every tile it was given: the tile sources then ask
  // for those tiles themselves (layers/dataLayers.ts).
  let failed = false;
  worker.onerror = () => {
    failed = true;
    pending.forEach(({ reject }, url) => reject(new Error(`${url}: the tile worker failed`)));
    pending.clear();
  };
  return (url, buffer) =>
    failed ? decodeHere(url, buffer) : new Promise((resolve, reject) => {
      pending.set(url, { resolve, reject });
      worker.postMessage({ url, buffer }, [buffer]);
    });
}

/** Run by tileWorker.js: decodes each tile it is sent and sends the features back, their coordinates transferred. */
export function answerDecodeRequests(): void {
  addEventListener('message', ({ data }: MessageEvent<{ url: string; buffer: ArrayBuffer }>) => {
    try {
      const features = decodeTile(data.buffer, tileExtent(data.url));
      postMessage({ url: data.url, features }, { transfer: features.map((f) => f.flatCoordinates.buffer) });
    } catch (error) {
      postMessage({ url: data.url, error: String(error) });
    }
  });
}

/** The answer index.html already asked for this tile URL, decoded, once; undefined when it did not ask for it. */
export function takeFirstTile(url: string): Promise<DecodedFeature[]> | undefined {
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
