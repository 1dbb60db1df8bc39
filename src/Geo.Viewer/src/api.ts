import type { Feature as GeoJsonFeature, FeatureCollection } from 'geojson';
import type { Names } from './codeNames';
import { configUrl, itemsUrl } from './layers/layerUrls';

/** The viewer's settings and the catalog's field titles and code names, from Geo.Api (/viewer/config). */
export interface ViewerConfig {
  baseMaps: { tianditu: { enabled: boolean; key: string }; openStreetMap: { enabled: boolean } };
  collections: CollectionInfo[];
  livingNeeds: Names;
  /** Layers too large to load whole, drawn from the server's vector tiles (Viewer:TileThreshold). */
  tiledLayers?: string[];
}

export interface CollectionInfo {
  id: string;
  titleZh: string;
  titleEn: string;
  properties: Array<{ name: string; titleZh: string; type: string; values?: Names; valuesOpen?: boolean }>;
}

interface ItemsPage extends FeatureCollection {
  numberMatched?: number;
  links?: Array<{ rel: string; href: string }>;
}

export async function fetchConfig(signal?: AbortSignal): Promise<ViewerConfig> {
  const response = await fetch(configUrl, { signal });
  if (!response.ok) {
    throw new Error(`${configUrl}: HTTP ${response.status}`);
  }
  return (await response.json()) as ViewerConfig;
}

/**
 * Every feature of a collection through OGC API – Features, following rel=next links, so a server with a lower
 * page limit still gives the whole layer. bbox is minLon,minLat,maxLon,maxLat in CRS84.
 */
export async function fetchAllItems(collection: string, bbox?: number[], signal?: AbortSignal): Promise<GeoJsonFeature[]> {
  let url: string | undefined = itemsUrl(collection, bbox);
  const features: GeoJsonFeature[] = [];
  while (url) {
    // No extra headers: the request must match the preload in index.html to reuse its response.
    const response: Response = await fetch(url, { signal });
    if (!response.ok) {
      throw new Error(`${collection}: HTTP ${response.status}`);
    }
    const page = (await response.json()) as ItemsPage;
    features.push(...page.features);
    url = page.links?.find((link) => link.rel === 'next')?.href;
  }
  return features;
}

/** One feature by id (identify on a layer drawn from tiles, whose tiles carry only the styling properties). */
export async function fetchItem(collection: string, id: number, signal?: AbortSignal): Promise<GeoJsonFeature> {
  const response = await fetch(`/ogcapi/collections/${collection}/items/${id}`, { signal });
  if (!response.ok) {
    throw new Error(`${collection}/${id}: HTTP ${response.status}`);
  }
  return (await response.json()) as GeoJsonFeature;
}
