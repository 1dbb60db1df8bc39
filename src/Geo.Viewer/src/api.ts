import type { Feature as GeoJsonFeature, FeatureCollection } from 'geojson';

/** The viewer's settings and the catalog's field titles, from Geo.Api (/viewer/config). */
export interface ViewerConfig {
  baseMaps: { tianditu: { enabled: boolean; key: string }; openStreetMap: { enabled: boolean } };
  collections: CollectionInfo[];
}

export interface CollectionInfo {
  id: string;
  titleZh: string;
  titleEn: string;
  properties: Array<{ name: string; titleZh: string; type: string }>;
}

interface ItemsPage extends FeatureCollection {
  numberMatched?: number;
  links?: Array<{ rel: string; href: string }>;
}

export async function fetchConfig(signal?: AbortSignal): Promise<ViewerConfig> {
  const response = await fetch('/viewer/config', { signal });
  if (!response.ok) {
    throw new Error(`/viewer/config: HTTP ${response.status}`);
  }
  return (await response.json()) as ViewerConfig;
}

/**
 * Every feature of a collection through OGC API – Features, following rel=next links, so a server with a lower
 * page limit still gives the whole layer. bbox is minLon,minLat,maxLon,maxLat in CRS84.
 */
export async function fetchAllItems(collection: string, bbox?: number[], signal?: AbortSignal): Promise<GeoJsonFeature[]> {
  const query = new URLSearchParams({ limit: '10000' });
  if (bbox) {
    query.set('bbox', bbox.join(','));
  }
  let url: string | undefined = `/ogcapi/collections/${collection}/items?${query}`;
  const features: GeoJsonFeature[] = [];
  while (url) {
    const response: Response = await fetch(url, { signal, headers: { Accept: 'application/geo+json' } });
    if (!response.ok) {
      throw new Error(`${collection}: HTTP ${response.status}`);
    }
    const page = (await response.json()) as ItemsPage;
    features.push(...page.features);
    url = page.links?.find((link) => link.rel === 'next')?.href;
  }
  return features;
}
