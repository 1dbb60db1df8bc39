// No imports here: vite.config.ts reads this file to write <link rel="preload"> tags into index.html, so the
// browser fetches the data while it is still parsing the bundle.

export const configUrl = '/viewer/config';

/** The first (and, for our collection sizes, only) page of a collection, exactly as the viewer asks for it. */
export function itemsUrl(collection: string, bbox?: number[]): string {
  const query = new URLSearchParams({ limit: '10000' });
  if (bbox) {
    query.set('bbox', bbox.join(','));
  }
  return `/ogcapi/collections/${collection}/items?${query}`;
}
