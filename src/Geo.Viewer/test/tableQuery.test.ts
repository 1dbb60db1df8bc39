import { beforeAll, describe, expect, it } from 'vitest';
import { setCodeNames } from '../src/codeNames';
import type { ColumnFilter } from '../src/panels/columnFilters';
import { firstPageUrl, tableFilter, type TableQuery } from '../src/panels/tableQuery';
import { zones } from './zonesInfo';

beforeAll(() =>
  setCodeNames({
    baseMaps: { tianditu: { enabled: false, key: '' }, openStreetMap: { enabled: false } },
    collections: [zones],
    livingNeeds: {},
    complianceVerdicts: {},
    complianceSeverities: {},
    tiledLayers: ['zones'],
    signIn: { identityProvider: false },
  }),
);

const query = (changes: Partial<TableQuery> = {}): TableQuery => ({ sortField: 'id', sortAscending: true, filters: new Map(), text: '', bbox: null, ...changes });

/** The parameters of the first page's address, decoded. */
const params = (q: TableQuery) => Object.fromEntries(new URL(firstPageUrl(zones, q), 'http://viewer').searchParams);

describe('the attribute table of a layer the server pages', () => {
  it('asks for one page of 100 sorted by id, with no filter, when nothing is chosen', () => {
    expect(firstPageUrl(zones, query())).toBe('/ogcapi/collections/zones/items?limit=100&sortby=%2Bid');
  });

  it('sorts by the column and then by id, so equal values keep their order across pages', () => {
    expect(params(query({ sortField: 'capacity_households', sortAscending: false })).sortby).toBe('-capacity_households,+id');
  });

  it('turns the column filters into one CQL2 text filter', () => {
    const filters = new Map<string, ColumnFilter>([
      ['kind', { kind: 'pick', value: 'resettlement' }],
      ['illustrative', { kind: 'pick', value: 'false' }],
      ['capacity_households', { kind: 'range', min: 100, max: null }],
      ['area', { kind: 'range', min: 1.5, max: 20 }],
      ['name', { kind: 'text', text: "汉丰's 50%_a\\b" }],
    ]);
    expect(params(query({ filters }))).toMatchObject({
      'filter-lang': 'cql2-text',
      filter:
        "kind = 'resettlement' AND illustrative = false AND capacity_households >= 100 AND area >= 1.5 AND area <= 20 AND CASEI(name) LIKE CASEI('%汉丰''s 50\\%\\_a\\\\b%')",
    });
  });

  it('searches every text column and the codes whose name holds the text, in either language', () => {
    expect(tableFilter(zones, query({ text: '搬迁' }))).toBe("(CASEI(name) LIKE CASEI('%搬迁%') OR CASEI(kind) LIKE CASEI('%搬迁%') OR kind IN ('resettlement'))");
    expect(tableFilter(zones, query({ text: 'town' }))).toBe("(CASEI(name) LIKE CASEI('%town%') OR CASEI(kind) LIKE CASEI('%town%') OR kind IN ('key_town'))");
  });

  it('limits the page to the view when asked', () => {
    expect(params(query({ bbox: [108.1, 31.1, 108.5, 31.3] })).bbox).toBe('108.1000000,31.1000000,108.5000000,31.3000000');
  });
});
