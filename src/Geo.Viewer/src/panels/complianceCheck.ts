import type OlMap from 'ol/Map';
import type { Extent } from 'ol/extent';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style } from 'ol/style';
import { complianceUrl, fetchCompliance } from '../analysis/compliance';
import { formatArea } from '../format';
import { codesOf, complianceSeverities, complianceVerdicts, nameOf, nameOfChinese } from '../codeNames';
import { pick, t } from '../i18n';
import { geoJson } from '../layers/dataLayers';
import type { ComplianceResult } from '../api/types';

/** The verdict and a row per finding (severity · kind, constraint, area), as the service answers a review. */
export function renderVerdict(result: Pick<ComplianceResult, 'verdict' | 'findings'>): HTMLElement[] {
  // The service writes the verdict in Chinese; the catalog (through /viewer/config) names it in English too.
  const verdict = Object.assign(document.createElement('p'), { className: 'compliance-verdict', textContent: nameOfChinese(complianceVerdicts(), result.verdict) });
  verdict.dataset.verdict = result.verdict;
  if (!result.findings.length) {
    return [verdict];
  }
  const table = document.createElement('table');
  table.className = 'compliance-findings';
  for (const finding of result.findings) {
    const row = table.insertRow();
    row.dataset.kind = finding.kind;
    row.dataset.severity = finding.severity;
    // The service labels severity and kind in Chinese; the catalog names both in English too.
    const severity = pick(finding.severityLabel, nameOf(complianceSeverities(), finding.severity));
    row.insertCell().textContent = `${severity} · ${pick(finding.kindLabel, nameOf(codesOf('constraints', 'kind'), finding.kind))}`;
    row.insertCell().textContent = finding.constraintName ?? finding.description;
    const area = row.insertCell();
    area.className = 'compliance-area';
    area.textContent = formatArea(finding.area.squareMetres);
  }
  return [verdict, table];
}

/** Conflicts in red, warnings (地质灾害隐患区) in orange, above every data layer so they show through fills. */
export const findingStyles: Record<string, Style> = {
  conflict: new Style({ stroke: new Stroke({ color: '#c92a2a', width: 3 }), fill: new Fill({ color: 'rgba(201, 42, 42, 0.35)' }) }),
  warning: new Style({ stroke: new Stroke({ color: '#e67700', width: 3 }), fill: new Fill({ color: 'rgba(230, 119, 0, 0.3)' }) }),
};

/**
 * 合规性审查 from a feature's popup: GET /api/analysis/compliance/{collection}/{id}, the verdict and each finding with
 * its area, and the conflicting parts highlighted on the map. Loaded on the first click, so the first render skips it.
 */
export class ComplianceCheck {
  private readonly source = new VectorSource();
  private controller?: AbortController;

  /** `frame` zooms to the conflicts and keeps the result (the popup) beside them. */
  constructor(map: OlMap, private readonly frame: (extent: Extent) => void) {
    map.addLayer(
      new VectorLayer({
        source: this.source, zIndex: 95, properties: { overlay: 'compliance' },
        style: (feature) => findingStyles[feature.get('severity') === '冲突' ? 'conflict' : 'warning'],
      }),
    );
  }

  /** The number of conflicting parts on the map (for the tests). */
  highlighted(): number {
    return this.source.getFeatures().length;
  }

  async run(collection: string, id: number, output: HTMLElement): Promise<void> {
    this.clear();
    this.controller = new AbortController();
    const { signal } = this.controller;
    output.textContent = t('loading');
    try {
      const { result, parts } = await fetchCompliance(collection, id, signal);
      this.source.addFeatures(geoJson.readFeatures(parts));
      if (parts.features.length) {
        this.frame(this.source.getExtent()!);
      }
      const report = Object.assign(document.createElement('a'), { href: complianceUrl(collection, id, 'html'), target: '_blank', rel: 'noopener', textContent: t('complianceReport') });
      // The language may have been switched since the check ran: the report follows the language at the click.
      report.addEventListener('click', () => (report.href = complianceUrl(collection, id, 'html')));
      const notes = result.notes.map((text) => Object.assign(document.createElement('p'), { className: 'note', textContent: text }));
      output.replaceChildren(...renderVerdict(result), ...notes, report);
    } catch (error) {
      if (!signal.aborted) {
        output.textContent = `${t('loadFailed')}: ${(error as Error).message}`;
      }
    }
  }

  clear(): void {
    this.controller?.abort();
    this.source.clear();
  }
}
