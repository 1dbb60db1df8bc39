import type { ComplianceUpload, FilePreview, ProjectsInAreaUpload } from '../api/types';
import type { ExportFormat } from './exportFormats';
import { analysisFetch } from '../analysis/request';
import { uploadForm, type ReadOptions } from './uploadFiles';

const post = async <T>(url: string, file: File, options: ReadOptions, signal?: AbortSignal): Promise<T> =>
  (await (await analysisFetch(url, { method: 'POST', body: uploadForm(file, file.name, options), signal })).json()) as T;

/** The file read as the analyses read it, in CGCS2000 lon/lat, with its CRS, repairs and warnings; nothing is stored. */
export const previewFile = (file: File, options: ReadOptions, signal?: AbortSignal) => post<FilePreview>('api/files/preview', file, options, signal);

/** 合规性审查 of every 地块 or feature of the file. */
export const complianceOfFile = (file: File, options: ReadOptions, signal?: AbortSignal) =>
  post<ComplianceUpload>('api/analysis/compliance', file, options, signal);

/** 区域查询 (projects in the area) of every 地块 or feature of the file. */
export const projectsInFile = (file: File, options: ReadOptions, signal?: AbortSignal) =>
  post<ProjectsInAreaUpload>('api/analysis/projects-in-area', file, options, signal);

/** A file (here the review as GeoJSON) written in an export format by POST /api/files/convert; nothing is stored. */
export async function convertFile(file: Blob, name: string, format: ExportFormat): Promise<Blob> {
  const query = new URLSearchParams({ f: format.f });
  if (format.encoding) {
    query.set('encoding', format.encoding);
  }
  return (await analysisFetch(`api/files/convert?${query.toString()}`, { method: 'POST', body: uploadForm(file, name) })).blob();
}
