import type { Feature as GeoJsonFeature, FeatureCollection } from 'geojson';
import type { Names } from './codeNames';
import { configUrl, itemsUrl } from './layers/layerUrls';

/** The viewer's settings and the catalog's field titles and code names, from Geo.Api (/viewer/config). */
export interface ViewerConfig {
  baseMaps: { tianditu: { enabled: boolean; key: string }; openStreetMap: { enabled: boolean } };
  collections: CollectionInfo[];
  livingNeeds: Names;
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

/** The signed-in account (GET/POST /api/session) and the token its writes send in X-CSRF-TOKEN. */
export interface Session {
  name: string;
  role: 'viewer' | 'editor' | 'admin';
  antiforgeryToken: string;
}

/** Who is signed in, or null (401). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  const response = await fetch('/api/session', { signal, credentials: 'same-origin' });
  if (response.status === 401) {
    return null;
  }
  if (!response.ok) {
    throw new Error(`/api/session: HTTP ${response.status}`);
  }
  return (await response.json()) as Session;
}

/** Signs in; the answer's status says why not (401 wrong name or password, 429 too many failures). */
export async function signIn(name: string, password: string): Promise<Session | { status: number }> {
  const response = await fetch('/api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  return response.ok ? ((await response.json()) as Session) : { status: response.status };
}

export async function signOut(session: Session): Promise<void> {
  await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-TOKEN': session.antiforgeryToken } });
}
