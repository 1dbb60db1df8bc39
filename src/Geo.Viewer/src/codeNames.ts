import type { ViewerConfig } from './api';
import { pick } from './i18n';

/** Chinese and English names of coded values (code → [zh, en]), as the server's catalog (Catalog.cs) lists them. */
export type Names = ViewerConfig['livingNeeds'];

const byProperty = new Map<string, Names>();
const closedLists = new Set<string>();
let needs: Names = {};
let verdicts: Names = {};
let severities: Names = {};

/** Reads the names from /viewer/config once at start-up, before any legend, popup or panel is drawn. */
export function setCodeNames(config: ViewerConfig): void {
  for (const collection of config.collections) {
    for (const property of collection.properties) {
      if (property.values) {
        byProperty.set(`${collection.id}.${property.name}`, property.values);
        if (!property.valuesOpen) {
          closedLists.add(`${collection.id}.${property.name}`);
        }
      }
    }
  }
  needs = config.livingNeeds;
  verdicts = config.complianceVerdicts;
  severities = config.complianceSeverities;
}

/** The names of a property's codes, in the catalog's order (empty when the property is not coded). */
export function codesOf(collectionId: string, property: string): Names {
  return byProperty.get(`${collectionId}.${property}`) ?? {};
}

/** Whether the property only takes listed codes, so a popup shows a name instead of the code. */
export function isCoded(collectionId: string, property: string): boolean {
  return closedLists.has(`${collectionId}.${property}`);
}

/** The daily needs of the 一刻钟便民生活圈 as /api/analysis/living-circle codes them. */
export function livingNeeds(): Names {
  return needs;
}

/** The 合规性审查 verdicts, which answers write by their Chinese names (see {@link nameOfChinese}). */
export function complianceVerdicts(): Names {
  return verdicts;
}

/** A compliance finding's severities by the answers' severity codes (conflict, warning). */
export function complianceSeverities(): Names {
  return severities;
}

/** The display name of a code, or the code itself when the catalog does not know it (new official data). */
export function nameOf(names: Names, code: string): string {
  const entry = names[code];
  return entry ? pick(entry[0], entry[1]) : code;
}

/** The UI-language name of a value the service wrote by its Chinese name, or that name when the list does not hold it. */
export function nameOfChinese(names: Names, zhName: string): string {
  const entry = Object.values(names).find(([zh]) => zh === zhName);
  return entry ? pick(entry[0], entry[1]) : zhName;
}
