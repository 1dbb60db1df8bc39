import type { AreaRequest, AreaSummary } from '../api/types';
import { postJson } from './request';

const url = 'api/analysis/projects-in-area';

export async function fetchAreaSummary(request: AreaRequest, signal?: AbortSignal): Promise<AreaSummary> {
  return (await (await postJson(url, request, signal)).json()) as AreaSummary;
}

/** The same answer as the server's printable report (f=html) or its Excel-ready CSV (f=csv). */
export async function fetchAreaReport(request: AreaRequest, format: 'html' | 'csv'): Promise<Blob> {
  return (await postJson(`${url}?f=${format}`, request)).blob();
}
