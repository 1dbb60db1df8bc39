import Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import { Circle as CircleGeometry, MultiPolygon, Point, Polygon } from 'ol/geom';
import { fromCircle } from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style } from 'ol/style';
import { getPointResolution, transformExtent } from 'ol/proj';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import { formatWan } from '../format';
import { onLangChange, t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import type { Selection } from '../selection';
import { projectsInArea } from '../tools/areaQuery';
import type { DrawTool, Shape } from '../tools/drawTool';
import { projectTotals } from '../tools/projectTotals';
import { fundings, nameOf, projectCategories } from '../vocabulary';

/** Township seats have no boundary in any public source, so "pick a township" means this radius around the seat. */
const townshipRadiusMetres = 3000;

/** Query by area: draw a polygon, rectangle or circle, or pick a zone or township → the projects inside, with totals. */
export class QueryPanel {
  private readonly areaSource = new VectorSource();
  private results: Feature[] = [];
  private controller?: AbortController;
  private readonly output: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    map: OlMap,
    private readonly layers: DataLayer[],
    private readonly selection: Selection,
    private readonly drawTool: DrawTool,
  ) {
    this.output = root.querySelector('.query-results')!;
    map.addLayer(
      new VectorLayer({
        source: this.areaSource,
        zIndex: 90,
        style: new Style({ stroke: new Stroke({ color: '#f03e3e', width: 2, lineDash: [8, 4] }), fill: new Fill({ color: 'rgba(240, 62, 62, 0.08)' }) }),
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
    const extent = this.areaSource.getFeatures().length ? this.areaSource.getExtent() : null;
    return extent ? transformExtent(extent, VIEW_PROJECTION, DATA_PROJECTION) : null;
  }

  /** The project ids listed as the answer, in order. */
  resultIds(): number[] {
    return this.results.map((f) => Number(f.getId()));
  }

  private layer(id: string): DataLayer {
    return this.layers.find((l) => l.definition.id === id)!;
  }

  private startDrawing(shape: Shape): void {
    this.drawTool.start(shape, (event) => {
      const geometry = event.feature.getGeometry();
      const area = geometry instanceof CircleGeometry ? fromCircle(geometry, 96) : (geometry as Polygon);
      void this.run(area);
    });
  }

  private pickZone(id: string): void {
    const zone = this.layer('zones').source.getFeatureById(id);
    const geometry = zone?.getGeometry();
    if (geometry instanceof MultiPolygon) {
      // A zone may have several parts; each is queried and the answers merged.
      void this.run(...geometry.getPolygons());
    }
  }

  private pickTownship(id: string): void {
    const seat = this.layer('townships').source.getFeatureById(id)?.getGeometry();
    if (seat instanceof Point) {
      // The circle is drawn in view units, and Web Mercator stretches metres by 1/cos(latitude).
      const metresPerUnit = getPointResolution(VIEW_PROJECTION, 1, seat.getCoordinates(), 'm');
      void this.run(fromCircle(new CircleGeometry(seat.getCoordinates(), townshipRadiusMetres / metresPerUnit), 96));
    }
  }

  private async run(...areas: Polygon[]): Promise<void> {
    this.controller?.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    this.areaSource.clear();
    areas.forEach((area) => this.areaSource.addFeature(new Feature(area)));
    this.output.textContent = t('loading');
    try {
      const answers = await Promise.all(areas.map((area) => projectsInArea(area, signal)));
      const byId = new Map(answers.flat().map((f) => [f.getId(), f]));
      this.results = [...byId.values()].sort((a, b) => Number(a.getId()) - Number(b.getId()));
      this.renderResults();
    } catch (error) {
      if (!signal.aborted) {
        this.output.textContent = `${t('loadFailed')}: ${(error as Error).message}`;
      }
    }
  }

  private clear(): void {
    this.controller?.abort();
    this.drawTool.stop();
    this.areaSource.clear();
    this.results = [];
    this.output.replaceChildren();
  }

  private renderResults(): void {
    if (this.areaSource.getFeatures().length === 0) {
      return;
    }
    const totals = projectTotals(this.results);
    const summary = document.createElement('dl');
    summary.className = 'query-summary';
    const add = (term: string, value: string) => summary.append(Object.assign(document.createElement('dt'), { textContent: term }), Object.assign(document.createElement('dd'), { textContent: value }));
    add(t('count'), String(totals.count));
    add(t('totalInvestment'), formatWan(totals.investment));
    const breakdown = (title: string, entries: Array<[string, number]>) => {
      const table = document.createElement('table');
      table.className = 'breakdown';
      table.createCaption().textContent = title;
      entries.forEach(([label, wan]) => {
        const row = table.insertRow();
        row.insertCell().textContent = label;
        row.insertCell().textContent = formatWan(wan);
      });
      return table;
    };
    const list = document.createElement('ol');
    list.className = 'query-list';
    for (const project of this.results) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.id = String(project.getId());
      button.textContent = `${project.getId()}. ${project.get('name')} — ${formatWan(project.get('investment_wan'))}`;
      button.addEventListener('click', () => this.selection.select({ layerId: 'projects', featureId: Number(project.getId()) }, true));
      const item = document.createElement('li');
      item.append(button);
      list.append(item);
    }
    this.output.replaceChildren(
      summary,
      breakdown(t('byGroup'), [...totals.byGroup].map(([code, wan]) => [nameOf(projectCategories, code), wan])),
      breakdown(t('byFunding'), [...totals.byFunding].map(([code, wan]) => [nameOf(fundings, code), wan])),
      breakdown(t('byYear'), [...totals.byStartYear].map(([year, wan]) => [String(year), wan])),
      list,
    );
  }
}
