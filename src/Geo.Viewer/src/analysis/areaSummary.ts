import type { AreaRequest, AreaSummary } from '../api/types';
import { lang } from '../i18n';
import { postJson } from './request';

const url = 'api/analysis/projects-in-area';

export async function fetchAreaSummary(request: AreaRequest, signal?: AbortSignal): Promise<AreaSummary> {
  return (await (await postJson(url, request, signal)).json()) as AreaSummary;
}

/** The same answer as the server's printable report (f=html, in the viewer's current language) or its Excel-ready CSV (f=csv). */
export async function fetchAreaReport(request: AreaRequest, format: 'html' | 'csv'): Promise<Blob> {
  return (await postJson(`${url}?f=${format}${format === 'html' ? `&lang=${lang()}` : ''}`, request)).blob();
}
