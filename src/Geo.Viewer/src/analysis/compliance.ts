import type { FeatureCollection } from 'geojson';
import { analysisFetch } from './request';

export interface AreaFigures {
  squareMetres: number;
  hectares: number;
  mu: number;
}

export interface ComplianceFinding {
  severity: string;
  severityLabel: string;
  kind: string;
  kindLabel: string;
  constraintId: number | null;
  constraintName: string | null;
  description: string;
  area: AreaFigures;
  shareOfSubject: number | null;
}

export interface ComplianceResult {
  verdict: string;
  findings: ComplianceFinding[];
  notes: string[];
}

export const complianceUrl = (collection: string, id: number, format = 'json') => `api/analysis/compliance/${collection}/${id}?f=${format}`;

/** 合规性审查 of a stored feature: the verdict and findings, and the conflicting parts as GeoJSON for the map. */
export async function fetchCompliance(collection: string, id: number, signal?: AbortSignal): Promise<{ result: ComplianceResult; parts: FeatureCollection }> {
  const [result, parts] = await Promise.all([
    analysisFetch(complianceUrl(collection, id), { signal }).then((r) => r.json() as Promise<ComplianceResult>),
    analysisFetch(complianceUrl(collection, id, 'geojson'), { signal }).then((r) => r.json() as Promise<FeatureCollection>),
  ]);
  return { result, parts };
}
