import type { CollectionInfo } from './api';
import { formatArea, formatNumber, formatWan } from './format';
import { lang, pick, t } from './i18n';
import { codesOf, isCoded, nameOf } from './codeNames';
import { referenceName } from './referenceNames';

/** Codes that another column already says in words are left out of popups. */
const hiddenInPopup = new Set(['category', 'start_year', 'end_year', 'illustrative']);

export function fieldTitle(info: CollectionInfo, name: string): string {
  if (name === 'id') {
    return lang() === 'zh' ? '编号' : 'No.';
  }
  // The catalog's titles (Catalog.cs) through /viewer/config; a property the catalog does not list keeps its name.
  const property = info.properties.find((p) => p.name === name);
  return property ? pick(property.titleZh, property.titleEn) : name;
}

/** Values that carry their unit when shown ("12,345 万元"), so the unit in the field name would say it twice. */
const unitInValue = new Set(['investment_wan', 'area_m2', 'stated_area_m2']);

/** A popup's field name: 计划总投资 rather than 计划总投资（万元） beside "12,345 万元". */
export function popupTitle(info: CollectionInfo, name: string): string {
  const title = fieldTitle(info, name);
  return unitInValue.has(name) ? title.replace(/\s*[（(][^）)]*[）)]$/, '') : title;
}

export function popupFields(info: CollectionInfo): string[] {
  return info.properties.map((p) => p.name).filter((name) => !hiddenInPopup.has(name));
}

export function tableFields(info: CollectionInfo): string[] {
  return ['id', ...info.properties.map((p) => p.name).filter((name) => name !== 'source')];
}

/** What staff read: 万元 with thousands separators, areas in m²/公顷/亩, codes as names. */
export function displayValue(collectionId: string, name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (typeof value === 'boolean') {
    return value ? t('yes') : t('no');
  }
  if (name === 'investment_wan' && typeof value === 'number') {
    return formatWan(value);
  }
  if ((name === 'area_m2' || name === 'stated_area_m2') && typeof value === 'number') {
    return formatArea(value);
  }
  if (isCoded(collectionId, name)) {
    return nameOf(codesOf(collectionId, name), String(value));
  }
  const referenced = referenceName(name, value);
  if (referenced !== undefined) {
    return referenced;
  }
  if (typeof value === 'number' && !/year|code|id|zone/.test(name)) {
    return formatNumber(value);
  }
  return String(value);
}
