import type { ComplianceParts, ComplianceResult } from '../api/types';
import { lang } from '../i18n';
import { analysisFetch } from './request';

/** The printable report (f=html) is written in the viewer's current language. */
export const complianceUrl = (collection: string, id: number, format = 'json') =>
  `api/analysis/compliance/${collection}/${id}?f=${format}${format === 'html' ? `&lang=${lang()}` : ''}`;

/** 合规性审查 of a stored feature: the verdict and findings, and the conflicting parts as GeoJSON for the map. */
export async function fetchCompliance(collection: string, id: number, signal?: AbortSignal): Promise<{ result: ComplianceResult; parts: ComplianceParts }> {
  const [result, parts] = await Promise.all([
    analysisFetch(complianceUrl(collection, id), { signal }).then((r) => r.json() as Promise<ComplianceResult>),
    analysisFetch(complianceUrl(collection, id, 'geojson'), { signal }).then((r) => r.json() as Promise<ComplianceParts>),
  ]);
  return { result, parts };
}
