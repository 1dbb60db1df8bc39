import type VectorSource from 'ol/source/Vector';

/**
 * Columns that point at a feature of another layer (a township code, a zone or project number) and are shown by that
 * feature's name, as staff know them (汉丰街道 rather than 500154005, 浦里高新区 rather than 2).
 */
const references: Record<string, { layer: string; key: 'id' | string }> = {
  // origin_code and destination_zone have their names in a column beside them already.
  township_code: { layer: 'townships', key: 'code' },
  zone_id: { layer: 'zones', key: 'id' },
  project_id: { layer: 'projects', key: 'id' },
};

const sources = new Map<string, VectorSource>();
const names = new Map<string, Map<string, string>>();

/** Hands over the layers' sources once; names are looked up after the features have loaded. */
export function setReferenceSources(bySource: Map<string, VectorSource>): void {
  bySource.forEach((source, id) => {
    sources.set(id, source);
    // New features (an edit, a reload) make the lookup stale.
    source.on('change', () => names.clear());
  });
}

function lookup(layer: string, key: string): Map<string, string> {
  const cacheKey = `${layer}.${key}`;
  let map = names.get(cacheKey);
  if (!map) {
    map = new Map();
    for (const feature of sources.get(layer)?.getFeatures() ?? []) {
      const value = key === 'id' ? feature.getId() : feature.get(key);
      map.set(String(value), String(feature.get('name')));
    }
    names.set(cacheKey, map);
  }
  return map;
}

/** The name of the feature a column value points at, or undefined when the column is no reference or nothing matches. */
export function referenceName(property: string, value: unknown): string | undefined {
  const reference = references[property];
  return reference ? lookup(reference.layer, reference.key).get(String(value)) : undefined;
}

/** Whether a column is shown by the name of the feature it points at. */
export function isReference(property: string): boolean {
  return property in references;
}
