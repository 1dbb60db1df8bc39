import type { CollectionInfo } from '../api';
import { codesOf } from '../codeNames';
import type { ColumnFilter } from './columnFilters';

/** Rows per page of a table the server pages (a layer drawn from tiles). */
export const serverPageSize = 100;

/** What the attribute table asks of a layer too large to load: the server sorts, filters and pages. */
export interface TableQuery {
  sortField: string;
  sortAscending: boolean;
  filters: ReadonlyMap<string, ColumnFilter>;
  /** Text typed in the table's filter box (any column). */
  text: string;
  /** Only features in this CRS84 box (仅当前视图内): minLon, minLat, maxLon, maxLat. */
  bbox: number[] | null;
}

/** A CQL2 text string: quotes doubled. */
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A CQL2 LIKE pattern that matches the text anywhere, its own \, % and _ escaped (CQL2 and PostgreSQL escape with \). */
const containing = (text: string) => quoted(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

const caseInsensitiveContains = (field: string, text: string) => `CASEI(${field}) LIKE CASEI(${containing(text)})`;

/** One column's filter in CQL2 text; a pick of a yes/no column is a boolean, a pick of a code list a string. */
export function columnCondition(info: CollectionInfo, field: string, filter: ColumnFilter): string {
  switch (filter.kind) {
    case 'text':
      return caseInsensitiveContains(field, filter.text);
    case 'range':
      return [filter.min === null ? null : `${field} >= ${filter.min}`, filter.max === null ? null : `${field} <= ${filter.max}`]
        .filter((c) => c !== null)
        .join(' AND ');
    case 'pick': {
      const isBoolean = info.properties.find((p) => p.name === field)?.type === 'Boolean';
      return `${field} = ${isBoolean ? filter.value : quoted(filter.value)}`;
    }
  }
}

/**
 * The filter box over all columns as the server can answer it: text columns containing the text, and coded columns
 * holding a code whose name contains it. Numbers are left to the column ranges.
 */
export function anyColumnCondition(info: CollectionInfo, text: string): string {
  const lower = text.toLowerCase();
  const conditions: string[] = [];
  for (const { name, type } of info.properties) {
    if (type === 'Text' && name !== 'source') {
      conditions.push(caseInsensitiveContains(name, text));
    }
    // Codes whose name (in either language) holds the text: the table shows a coded value by its name.
    const names = codesOf(info.id, name);
    const codes = Object.keys(names).filter((code) => names[code].some((n) => n.toLowerCase().includes(lower)));
    if (codes.length > 0) {
      conditions.push(type === 'Text' ? `${name} IN (${codes.map(quoted).join(', ')})` : `${name} IN (${codes.join(', ')})`);
    }
  }
  // Nothing can contain the text: no row matches (id is never negative).
  return conditions.length === 0 ? 'id < 0' : conditions.length === 1 ? conditions[0] : `(${conditions.join(' OR ')})`;
}

/** The CQL2 text of every filter together, or null when nothing is filtered. */
export function tableFilter(info: CollectionInfo, query: TableQuery): string | null {
  const conditions = [...query.filters].map(([field, filter]) => columnCondition(info, field, filter)).filter((c) => c !== '');
  if (query.text) {
    conditions.push(anyColumnCondition(info, query.text));
  }
  return conditions.length === 0 ? null : conditions.join(' AND ');
}

/**
 * The first page's address; later pages follow the server's own next link. Sorted by the column and then by id, so
 * rows of equal value keep one order from page to page.
 */
export function firstPageUrl(info: CollectionInfo, query: TableQuery): string {
  const direction = query.sortAscending ? '+' : '-';
  const params = new URLSearchParams({
    limit: String(serverPageSize),
    sortby: query.sortField === 'id' ? `${direction}id` : `${direction}${query.sortField},+id`,
  });
  const filter = tableFilter(info, query);
  if (filter !== null) {
    params.set('filter', filter);
    params.set('filter-lang', 'cql2-text');
  }
  if (query.bbox) {
    params.set('bbox', query.bbox.map((v) => v.toFixed(7)).join(','));
  }
  return `/ogcapi/collections/${info.id}/items?${params}`;
}
