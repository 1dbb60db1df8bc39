import type Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style } from 'ol/style';
import type { ComplianceUpload, FilePreview, ProjectsInAreaUpload } from '../api/types';
import { downloadBlob } from '../download';
import { formatNumber } from '../format';
import { onLangChange, t } from '../i18n';
import { geoJson } from '../layers/dataLayers';
import { renderAreaSummary } from '../panels/areaSummaryView';
import { findingStyles, renderVerdict } from '../panels/complianceCheck';
import { exportFormats, type ExportFormat } from './exportFormats';
import { exportMenu, itemsExportMenu } from './exportMenu';
import { complianceOfFile, convertFile, previewFile, projectsInFile } from './uploadApi';
import { fileNameProblem, type ReadOptions } from './uploadFiles';

/** The file's own outline: a thick blue line over a light fill, drawn above every data layer. */
export const uploadStyle = new Style({ stroke: new Stroke({ color: '#1864ab', width: 3 }), fill: new Fill({ color: 'rgba(24, 100, 171, 0.25)' }) });

type Answer = { kind: 'compliance'; answer: ComplianceUpload } | { kind: 'query'; answer: ProjectsInAreaUpload };

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, textContent = '') =>
  Object.assign(document.createElement(tag), { className, textContent });

/**
 * 文件审查: a file dropped on the map or picked → POST /api/files/preview draws it as a temporary layer with its CRS,
 * encoding and repairs stated → 合规性审查 and 区域查询 send the same file (multipart) and show one result per 地块
 * or feature as the server answers. Nothing is stored; a bad file is a message here, never a broken map.
 */
export class FilePanel {
  private readonly source = new VectorSource();
  private readonly findings = new VectorSource();
  private file?: File;
  private options: ReadOptions = {};
  private preview?: FilePreview;
  private answer?: Answer;
  private controller?: AbortController;
  private readonly error: HTMLElement;
  private readonly info: HTMLElement;
  private readonly results: HTMLElement;
  private readonly analyses: HTMLButtonElement[];

  constructor(
    private readonly root: HTMLElement,
    private readonly map: OlMap,
    private readonly open: () => void,
  ) {
    this.error = root.querySelector('.file-error')!;
    this.info = root.querySelector('.file-info')!;
    this.results = root.querySelector('.file-results')!;
    map.addLayer(new VectorLayer({ source: this.source, zIndex: 92, style: uploadStyle, properties: { overlay: 'upload' } }));
    map.addLayer(
      new VectorLayer({ source: this.findings, zIndex: 96, style: (f) => findingStyles[f.get('severity') === '冲突' ? 'conflict' : 'warning'], properties: { overlay: 'upload-findings' } }),
    );
    const input = root.querySelector<HTMLInputElement>('input.file-input')!;
    input.addEventListener('change', () => {
      if (input.files?.[0]) {
        void this.load(input.files[0]);
      }
      input.value = '';
    });
    this.analyses = [...root.querySelectorAll<HTMLButtonElement>('button.file-compliance, button.file-query')];
    root.querySelector('button.file-compliance')!.addEventListener('click', () => void this.analyse('compliance'));
    root.querySelector('button.file-query')!.addEventListener('click', () => void this.analyse('query'));
    root.querySelector('button.file-clear')!.addEventListener('click', () => this.clear());
    onLangChange(() => this.render());
  }

  /** Reads a file: checks its name, asks the server to read it, draws it and frames it. */
  async load(file: File): Promise<void> {
    this.clear();
    this.open();
    this.file = file;
    const problem = fileNameProblem(file.name);
    if (problem) {
      this.fail(`${t('fileReadFailed')}「${file.name}」：${t(problem)}`);
      return;
    }
    this.options = this.readOptions();
    const signal = this.abortable();
    this.info.textContent = t('fileReading');
    try {
      this.preview = await previewFile(file, this.options, signal);
    } catch (error) {
      if (!signal.aborted) {
        this.fail(`${t('fileReadFailed')}「${file.name}」：${(error as Error).message}`);
      }
      return;
    }
    this.source.addFeatures(geoJson.readFeatures(this.preview.features) as Feature[]);
    this.map.getView().fit(this.source.getExtent()!, { padding: [60, 60, 60, 60], maxZoom: 16 });
    this.analyses.forEach((button) => (button.disabled = false));
    this.render();
  }

  private async analyse(kind: Answer['kind']): Promise<void> {
    if (!this.file || !this.preview) {
      return;
    }
    const signal = this.abortable();
    this.answer = undefined;
    this.findings.clear();
    this.error.textContent = '';
    this.results.textContent = t('loading');
    try {
      this.answer = kind === 'compliance'
        ? { kind, answer: await complianceOfFile(this.file, this.options, signal) }
        : { kind, answer: await projectsInFile(this.file, this.options, signal) };
    } catch (error) {
      if (!signal.aborted) {
        this.results.textContent = '';
        this.fail(`${t('fileAnalysisFailed')}：${(error as Error).message}`);
      }
      return;
    }
    if (this.answer.kind === 'compliance') {
      for (const row of this.answer.answer.results) {
        this.findings.addFeatures(row.findings.map((f) => geoJson.readFeature({ type: 'Feature', geometry: f.geometry, properties: { severity: f.severityLabel, row: row.row } }) as Feature));
      }
    }
    this.render();
  }

  clear(): void {
    this.controller?.abort();
    this.source.clear();
    this.findings.clear();
    this.file = undefined;
    this.preview = undefined;
    this.answer = undefined;
    this.analyses.forEach((button) => (button.disabled = true));
    this.error.textContent = '';
    this.info.replaceChildren();
    this.results.replaceChildren();
  }

  private abortable(): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }

  private fail(message: string): void {
    this.error.textContent = message;
    this.info.replaceChildren();
  }

  private readOptions(): ReadOptions {
    const value = (selector: string) => this.root.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!.value;
    return { crs: value('.file-crs'), encoding: value('.file-encoding'), from: value('.file-from') };
  }

  private render(): void {
    const preview = this.preview;
    if (!preview) {
      return;
    }
    const list = element('dl', 'file-facts');
    const add = (term: string, value: string, className: string) => list.append(element('dt', '', term), element('dd', className, value));
    add(t('fileFormat'), `${preview.file} · ${preview.format}`, 'file-name');
    add(t('fileFeatures'), String(preview.features.features.length), 'file-count');
    // The title names its EPSG code already (ProjNet's WKT names); an unnamed CRS gets the code added.
    const epsg = preview.crs.epsg && !preview.crs.title.includes(`EPSG:${preview.crs.epsg}`) ? ` (EPSG:${preview.crs.epsg})` : '';
    add(t('fileCrsRead'), `${preview.crs.title}${epsg} · ${t('fileCrsFrom')} ${preview.crs.source}`, 'file-crs-read');
    if (preview.encoding) {
      add(t('fileEncodingRead'), preview.encoding, 'file-encoding-read');
    }
    const repair = preview.repair;
    if (repair) {
      add(t('fileOffsetRepair'), `${repair.from.toUpperCase()} → CGCS2000 · ${repair.vertices} ${t('fileOffsetVertices')} ${formatNumber(repair.meanShiftMetres, 1)} m`, 'file-offset');
    }
    add(t('fileRepairs'), preview.repairs.length ? '' : t('fileNoRepairs'), 'file-repairs');
    const notes = (items: readonly string[], className: string) => items.map((text) => element('p', `note ${className}`, text));
    const warnings = preview.warnings.length ? [element('h3', '', t('fileWarnings')), ...notes(preview.warnings, 'file-warning')] : [];
    this.info.replaceChildren(list, ...notes(preview.repairs, 'file-repair'), ...warnings);
    this.renderAnswer();
  }

  private renderAnswer(): void {
    const answer = this.answer;
    if (!answer) {
      return;
    }
    const status = element('p', 'file-export-status note');
    const sections = answer.kind === 'compliance'
      ? answer.answer.results.map((row) => this.section(row.row, row.subject.name, [...renderVerdict(row), ...row.notes.map((n) => element('p', 'note', n))]))
      : answer.answer.results.map((row) => this.section(row.row, String(row.properties['地块名称'] ?? row.properties['name'] ?? ''), renderAreaSummary(row.result)));
    const menu = answer.kind === 'compliance'
      ? exportMenu('exportResult', 'file-result-export', exportFormats, (format) => this.downloadReview(answer.answer, format), () => status)
      : itemsExportMenu('exportQuery', 'file-query-export', () => 'projects', () => ({ ids: [...new Set(answer.answer.results.flatMap((r) => r.result.projects.features.map((p) => Number(p.id))))] }), () => status);
    const note = answer.kind === 'compliance' ? [element('p', 'note', t('exportResultNote'))] : [];
    this.results.replaceChildren(...sections, ...answer.answer.warnings.map((w) => element('p', 'note file-warning', w)), menu, ...note, status);
  }

  private section(row: number, name: string, body: HTMLElement[]): HTMLElement {
    const section = element('section', 'file-result');
    section.dataset.row = String(row);
    section.append(element('h3', '', `${t('fileRow').replace('{row}', String(row))}${name ? ` · ${name}` : ''}`), ...body);
    return section;
  }

  /**
   * The review: each 地块's outline with its verdict, then each finding's part with its area; as GeoJSON here, and in
   * the other formats written by the server from that GeoJSON (POST /api/files/convert).
   */
  private async downloadReview(answer: ComplianceUpload, format: ExportFormat): Promise<void> {
    const features = answer.results.flatMap((row) => [
      { type: 'Feature', geometry: row.subject.geometry, properties: { ...row.properties, row: row.row, name: row.subject.name, verdict: row.verdict, area_m2: row.subject.area.squareMetres } },
      ...row.findings.map((f) => ({
        type: 'Feature', geometry: f.geometry,
        properties: { row: row.row, severity: f.severityLabel, kind: f.kindLabel, constraint: f.constraintName, description: f.description, area_m2: f.area.squareMetres },
      })),
    ]);
    const name = `${answer.file.replace(/\.[^.]+$/, '')}-合规性审查`;
    const review = new Blob([JSON.stringify({ type: 'FeatureCollection', features })], { type: 'application/geo+json' });
    downloadBlob(`${name}.${format.extension}`, format.id === 'geojson' ? review : await convertFile(review, 'review.geojson', format));
  }
}
