import type Feature from 'ol/Feature';
import type { CollectionInfo } from '../api';
import { codesOf, isCoded, nameOf } from '../codeNames';
import { displayValue } from '../fields';
import { t } from '../i18n';
import { isReference } from '../referenceNames';

/** One column's filter: text the shown value contains, a number range, or one value of a closed list. */
export type ColumnFilter = { kind: 'text'; text: string } | { kind: 'range'; min: number | null; max: number | null } | { kind: 'pick'; value: string };

export type FilterKind = ColumnFilter['kind'];

export function valueOf(feature: Feature, field: string): unknown {
  return field === 'id' ? feature.getId() : feature.get(field);
}

/** Pick lists for the catalog's closed code lists and yes/no, ranges for numbers, text for everything else. */
export function filterKind(info: CollectionInfo, field: string): FilterKind {
  if (field === 'id') {
    return 'range';
  }
  const type = info.properties.find((p) => p.name === field)?.type;
  if (isCoded(info.id, field) || type === 'Boolean') {
    return 'pick';
  }
  return (type === 'Integer' || type === 'Number') && !isReference(field) ? 'range' : 'text';
}

/** The choices of a pick list: [value, shown name], in the catalog's order. */
export function pickChoices(info: CollectionInfo, field: string): Array<[string, string]> {
  if (info.properties.find((p) => p.name === field)?.type === 'Boolean') {
    return [['true', t('yes')], ['false', t('no')]];
  }
  const names = codesOf(info.id, field);
  return Object.keys(names).map((code) => [code, nameOf(names, code)]);
}

export function matches(info: CollectionInfo, feature: Feature, field: string, filter: ColumnFilter): boolean {
  const value = valueOf(feature, field);
  switch (filter.kind) {
    case 'text':
      return displayValue(info.id, field, value).toLowerCase().includes(filter.text.toLowerCase());
    case 'range':
      return typeof value === 'number' && (filter.min === null || value >= filter.min) && (filter.max === null || value <= filter.max);
    case 'pick':
      return String(value) === filter.value;
  }
}

/** A cell of the CSV export: what the table shows (names, 是/否), except plain numbers, which stay numbers for sums. */
export function exportValue(info: CollectionInfo, feature: Feature, field: string): unknown {
  const value = valueOf(feature, field);
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'number' && filterKind(info, field) === 'range' ? value : displayValue(info.id, field, value);
}
