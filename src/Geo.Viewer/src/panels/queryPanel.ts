import OlFeature from 'ol/Feature';
import type Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import { Circle as CircleGeometry, Polygon } from 'ol/geom';
import { fromCircle } from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Circle as CircleStyle, Fill, Stroke, Style } from 'ol/style';
import { transformExtent } from 'ol/proj';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import { countInArea } from '../api';
import { downloadBlob } from '../download';
import { itemsExportMenu } from '../files/exportMenu';
import { formatNumber } from '../format';
import { onLangChange, t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import type { Selection } from '../selection';
import { fetchAreaReport, fetchAreaSummary } from '../analysis/areaSummary';
import type { AreaRequest, AreaSummary } from '../api/types';
import { geoJson } from '../layers/dataLayers';
import { projectLine, renderAreaSummary } from './areaSummaryView';
import type { DrawTool, Shape } from '../tools/drawTool';

/** Township seats have no boundary in any public source, so "pick a township" means this radius around the seat (bufferM). */
const townshipRadiusMetres = 3000;

const areaStyle = new Style({ stroke: new Stroke({ color: '#f03e3e', width: 2, lineDash: [8, 4] }), fill: new Fill({ color: 'rgba(240, 62, 62, 0.08)' }) });
/** The projects found: a ring around each symbol (and an outline round a project's land) above their layer. */
const projectHighlight = new Style({
  stroke: new Stroke({ color: '#f03e3e', width: 3 }),
  image: new CircleStyle({ radius: 12, stroke: new Stroke({ color: '#f03e3e', width: 3 }) }),
});

/**
 * Query by area: draw a polygon, rectangle or circle, or pick a zone or township → POST /api/analysis/projects-in-area,
 * so the figures (and the apportioning of polygons partly inside) are the server's, the same as its report and CSV.
 */
export class QueryPanel {
  private readonly areaSource = new VectorSource();
  private results: Feature[] = [];
  private request?: AreaRequest;
  private answer?: AreaSummary;
  /** Features of the visible tiled layers in the area, as the server counted them (their tiles are not the layer). */
  private tiledCounts: Array<{ layer: DataLayer; count: number }> = [];
  private controller?: AbortController;
  private readonly output: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly map: OlMap,
    private readonly layers: DataLayer[],
    private readonly selection: Selection,
    private readonly drawTool: DrawTool,
  ) {
    this.output = root.querySelector('.query-results')!;
    map.addLayer(
      new VectorLayer({
        source: this.areaSource,
        zIndex: 90,
        style: (feature) => (feature.get('role') === 'project' ? projectHighlight : areaStyle),
        properties: { overlay: 'query' },
      }),
    );
    root.querySelectorAll<HTMLButtonElement>('button[data-shape]').forEach((button) =>
      button.addEventListener('click', () => this.startDrawing(button.dataset.shape as Shape)),
    );
    root.querySelector('button.query-clear')!.addEventListener('click', () => this.clear());
    root.querySelector<HTMLSelectElement>('select.query-zone')!.addEventListener('change', (event) => this.pickZone((event.target as HTMLSelectElement).value));
    root.querySelector<HTMLSelectElement>('select.query-township')!.addEventListener('change', (event) => this.pickTownship((event.target as HTMLSelectElement).value));
    onLangChange(() => this.renderResults());
  }

  /** Fills the zone and township lists once their layers have loaded. */
  fillChoices(): void {
    const fill = (selector: string, layerId: string) => {
      const select = this.root.querySelector<HTMLSelectElement>(selector)!;
      const first = select.options[0];
      const features = this.layer(layerId).source.getFeatures().sort((a, b) => Number(a.getId()) - Number(b.getId()));
      select.replaceChildren(first, ...features.map((f) => Object.assign(document.createElement('option'), { value: String(f.getId()), textContent: f.get('name') as string })));
    };
    fill('select.query-zone', 'zones');
    fill('select.query-township', 'townships');
  }

  /** The queried area's extent in CGCS2000 lon/lat (minLon, minLat, maxLon, maxLat), or null when there is none. */
  areaExtent(): number[] | null {
    const extent = this.areaSource.getFeatures().find((f) => f.get('role') === 'area')?.getGeometry()?.getExtent() ?? null;
    return extent ? transformExtent(extent, VIEW_PROJECTION, DATA_PROJECTION) : null;
  }

  /** The project ids listed as the answer, in order. */
  resultIds(): number[] {
    return this.results.map((f) => Number(f.getId()));
  }

  /** The last request sent to the analysis endpoint, or null before the first. */
  areaRequest(): AreaRequest | null {
    return this.request ?? null;
  }

  private layer(id: string): DataLayer {
    return this.layers.find((l) => l.definition.id === id)!;
  }

  private startDrawing(shape: Shape): void {
    this.drawTool.start(shape, (event) => {
      const geometry = event.feature.getGeometry();
      const area = geometry instanceof CircleGeometry ? fromCircle(geometry, 96) : (geometry as Polygon);
      const ring = (area.clone().transform(VIEW_PROJECTION, DATA_PROJECTION) as Polygon).getCoordinates();
      void this.run({ geometry: { type: 'Polygon', coordinates: ring } });
    });
  }

  private pickZone(id: string): void {
    if (id) {
      void this.run({ zoneId: Number(id) });
    }
  }

  private pickTownship(code: string): void {
    if (code) {
      void this.run({ townshipCode: code, bufferM: townshipRadiusMetres });
    }
  }

  /** Asks the analysis endpoint; the area drawn on the map is the one the server measured (zone outline, buffered seat). */
  private async run(request: AreaRequest): Promise<void> {
    // A picked zone or township may be anywhere in the district: the answer is framed. A drawn area is already in view.
    const frame = !('geometry' in request);
    this.controller?.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    this.request = request;
    this.answer = undefined;
    this.areaSource.clear();
    this.output.textContent = t('loading');
    try {
      const answer = await fetchAreaSummary(request, signal);
      const area = answer.area.geometry;
      this.areaSource.addFeature(geoJson.readFeature({ type: 'Feature', geometry: area, properties: { role: 'area' } }) as Feature);
      this.tiledCounts = await Promise.all(
        this.layers
          .filter((l) => l.tiled && l.layer.getVisible())
          .map(async (layer) => ({ layer, count: await countInArea(layer.definition.id, area, signal) })),
      );
      this.answer = answer;
      this.results = geoJson.readFeatures(answer.projects).sort((a, b) => Number(a.getId()) - Number(b.getId()));
      this.areaSource.addFeatures(this.results.map((f) => new OlFeature({ geometry: f.getGeometry()!.clone(), role: 'project', project: Number(f.getId()) })));
      if (frame && this.areaSource.getFeatures().length) {
        this.map.getView().fit(this.areaSource.getExtent()!, { padding: [60, 60, 60, 60], maxZoom: 16 });
      }
      this.renderResults();
    } catch (error) {
      if (!signal.aborted) {
        this.output.textContent = `${t('loadFailed')}: ${(error as Error).message}`;
      }
    }
  }

  /** The server's report (f=html) opens in a new tab; its CSV (f=csv) downloads. Both repeat the same request. */
  private async export(format: 'html' | 'csv'): Promise<void> {
    const request = this.request;
    if (!request) {
      return;
    }
    // Opened before the request so the browser still counts it as the user's click, not a pop-up.
    const tab = format === 'html' ? window.open('', '_blank') : null;
    try {
      const blob = await fetchAreaReport(request, format);
      if (tab) {
        tab.location.href = URL.createObjectURL(blob);
      } else {
        downloadBlob('projects-in-area.csv', blob);
      }
    } catch (error) {
      tab?.close();
      this.root.querySelector('.query-status')!.textContent = `${t('loadFailed')}: ${(error as Error).message}`;
    }
  }

  private clear(): void {
    this.controller?.abort();
    this.drawTool.stop();
    this.areaSource.clear();
    this.results = [];
    this.request = undefined;
    this.answer = undefined;
    this.tiledCounts = [];
    this.output.replaceChildren();
  }

  private renderResults(): void {
    const answer = this.answer;
    if (!answer) {
      return;
    }
    const list = document.createElement('ol');
    list.className = 'query-list';
    for (const project of [...answer.projects.features].sort((a, b) => Number(a.id) - Number(b.id))) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.id = String(project.id);
      button.textContent = projectLine(project);
      button.addEventListener('click', () => this.selection.select({ layerId: 'projects', featureId: Number(project.id) }, true));
      const item = document.createElement('li');
      item.append(button);
      list.append(item);
    }
    const exports = document.createElement('div');
    exports.className = 'button-row';
    const exportButton = (format: 'html' | 'csv', label: string) => {
      const button = Object.assign(document.createElement('button'), { type: 'button', className: `query-${format}`, textContent: label });
      button.addEventListener('click', () => void this.export(format));
      return button;
    };
    const status = Object.assign(document.createElement('p'), { className: 'query-status note' });
    const counts = this.tiledCounts.map(({ layer, count }) =>
      Object.assign(document.createElement('p'), {
        className: 'query-tiled-count',
        textContent: t('featuresInArea').replace('{layer}', layer.title()).replace('{count}', formatNumber(count)),
      }),
    );
    // The projects found, in any format the OGC API writes: the items query of their ids.
    const ids = this.resultIds();
    exports.append(exportButton('html', t('printReport')), exportButton('csv', t('exportCsv')), itemsExportMenu('exportQuery', 'query-export-menu', () => 'projects', () => ({ ids }), () => status));
    this.output.replaceChildren(...renderAreaSummary(answer), ...counts, exports, status, list);
  }
}
