// No imports here: vite.config.ts reads this file to write <link rel="preload"> tags into index.html, so the
// browser fetches the data while it is still parsing the bundle.

/** The data layers, bottom to top: the order the map draws them. */
export const layerIds = ['district', 'parcels', 'zones', 'constraints', 'townships', 'relocation_flows', 'facilities', 'projects'] as const;

export type LayerId = (typeof layerIds)[number];

/**
 * The layers index.html preloads: not parcels, which the server may have the viewer draw from vector tiles (a
 * county's 三调 parcels are far too many to load whole), and a preload would fetch its first 10,000 items anyway.
 */
export const preloadedLayerIds = layerIds.filter((id) => id !== 'parcels');

export const configUrl = '/viewer/config';

/** The first (and, for our collection sizes, only) page of a collection, exactly as the viewer asks for it. */
export function itemsUrl(collection: string, bbox?: number[]): string {
  const query = new URLSearchParams({ limit: '10000' });
  if (bbox) {
    query.set('bbox', bbox.join(','));
  }
  return `/ogcapi/collections/${collection}/items?${query}`;
}
