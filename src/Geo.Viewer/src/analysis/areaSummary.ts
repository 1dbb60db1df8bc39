import type { FeatureCollection, Geometry } from 'geojson';
import { postJson } from './request';

/** What POST /api/analysis/projects-in-area is asked: a drawn geometry (CGCS2000 lon/lat), a zone, or a township seat and radius. */
export type AreaRequest = { geometry: Geometry } | { zoneId: number } | { townshipCode: string; bufferM: number };

export interface SummaryGroup {
  key: string;
  label: string;
  count: number;
  totalWan: number;
  apportionedWan: number;
}

export interface AreaSummary {
  area: { description: string; geometry: Geometry | null };
  summary: {
    count: number;
    totalWan: number;
    apportionedTotalWan: number;
    apportionedCount: number;
    byGroup: SummaryGroup[];
    byFunding: SummaryGroup[];
    byStartYear: SummaryGroup[];
    byLeadUnit: SummaryGroup[];
  };
  projects: FeatureCollection;
  notes: string[];
}

const url = 'api/analysis/projects-in-area';

export async function fetchAreaSummary(request: AreaRequest, signal?: AbortSignal): Promise<AreaSummary> {
  return (await (await postJson(url, request, signal)).json()) as AreaSummary;
}

/** The same answer as the server's printable report (f=html) or its Excel-ready CSV (f=csv). */
export async function fetchAreaReport(request: AreaRequest, format: 'html' | 'csv'): Promise<Blob> {
  return (await postJson(`${url}?f=${format}`, request)).blob();
}
