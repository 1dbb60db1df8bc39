/**
 * The file formats the OGC API writes for any items query (f=…), offered by every export menu, and the export URL
 * that asks for one of them with every row a view selects (no page limit; the server's Exports:MaxFeatures bounds it).
 * Pure, so that the URLs are unit-tested.
 */
export interface ExportFormat {
  /** The menu value; also what the tests pick. */
  id: 'gpkg' | 'shp' | 'shp-gbk' | 'csv' | 'txt' | 'geojson';
  f: string;
  encoding?: string;
  extension: string;
  zh: string;
  en: string;
}

export const exportFormats: readonly ExportFormat[] = [
  { id: 'gpkg', f: 'gpkg', extension: 'gpkg', zh: 'GeoPackage (.gpkg)', en: 'GeoPackage (.gpkg)' },
  { id: 'shp', f: 'shp', extension: 'zip', zh: 'Shapefile（UTF-8，.zip）', en: 'Shapefile (UTF-8, .zip)' },
  { id: 'shp-gbk', f: 'shp', encoding: 'gbk', extension: 'zip', zh: 'Shapefile（GBK，.zip）', en: 'Shapefile (GBK, .zip)' },
  { id: 'csv', f: 'csv', extension: 'csv', zh: 'CSV（WKT）', en: 'CSV (WKT)' },
  { id: 'txt', f: 'txt', extension: 'txt', zh: '报盘 TXT', en: 'Boundary exchange TXT (报盘)' },
  { id: 'geojson', f: 'geojson', extension: 'geojson', zh: 'GeoJSON', en: 'GeoJSON' },
];

/** Ids beyond this would make the URL longer than the server takes (Limits:MaxUrlBytes, 8 KiB). */
export const maxExportIds = 600;

/** Which rows to export: all of the collection, those with these ids, and/or those in a lon/lat box. */
export interface ExportScope {
  ids?: readonly number[];
  bbox?: readonly number[];
}

export class TooManyIdsError extends Error {
  constructor(readonly count: number) {
    super(`${count} ids > ${maxExportIds}`);
  }
}

/** The export URL (relative to the viewer) for a format and scope; ids become a CQL2 text `id IN (…)` filter. */
export function itemsExportUrl(collection: string, format: ExportFormat, scope: ExportScope = {}): string {
  const query = new URLSearchParams({ f: format.f });
  if (format.encoding) {
    query.set('encoding', format.encoding);
  }
  if (scope.bbox) {
    query.set('bbox', scope.bbox.map((v) => v.toFixed(7)).join(','));
  }
  if (scope.ids) {
    if (scope.ids.length > maxExportIds) {
      throw new TooManyIdsError(scope.ids.length);
    }
    // An empty list matches nothing; `id IN ()` is not CQL2, and no feature has id -1.
    query.set('filter', `id IN (${scope.ids.length ? scope.ids.join(',') : -1})`);
    query.set('filter-lang', 'cql2-text');
  }
  return `ogcapi/collections/${encodeURIComponent(collection)}/export?${query.toString()}`;
}

/** The file name the server gives in Content-Disposition, else collection + extension. */
export function exportFileName(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : fallback;
}
