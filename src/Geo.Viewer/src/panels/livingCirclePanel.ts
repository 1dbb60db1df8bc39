import { fetchFlowSummary } from '../analysis/flowSummary';
import { fetchLivingCircle } from '../analysis/livingCircle';
import type { LivingCircleResult, ResettlementInflow } from '../api/types';
import { formatLength, formatNumber } from '../format';
import { lang, onLangChange, pick, t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import type OlMap from 'ol/Map';
import { LivingCircleMap } from './livingCircleMap';
import { codesOf, livingNeeds, nameOf, nameOfChinese } from '../codeNames';

/**
 * The walking distances of the 5-, 10- and 15-minute living circles (GB 50180-2018 城市居住区规划设计标准: 300, 500
 * and 800–1000 m); the plan's 一刻钟便民生活圈 is the 1000 m one, chosen at first.
 */
const walkMinutes: Record<number, number> = { 300: 5, 500: 10, 1000: 15 };

const circleTitle = (metres: number) =>
  metres === 1000 && lang() === 'zh' ? '一刻钟便民生活圈（1000 米）' : pick(`${walkMinutes[metres]} 分钟生活圈（${metres} 米）`, `${walkMinutes[metres]}-minute living circle (${metres} m)`);

/** The gaps as the map writes them above the reach: 缺口：托育、养老. */
const gapText = (needs: string[]) => `${t('gap')}: ${needs.map((need) => nameOf(livingNeeds(), need)).join(lang() === 'zh' ? '、' : ', ')}`;

/**
 * Living circle and resettlement capacity for one resettlement area: the coverage of each daily need within the chosen
 * walking distance (gaps marked) and the inflow against capacity with the server's over-capacity warning. Loaded when
 * the panel opens.
 */
export class LivingCirclePanel {
  private readonly output: HTMLElement;
  private controller?: AbortController;
  private shown?: { circle: LivingCircleResult; inflow?: ResettlementInflow };

  private readonly drawn: LivingCircleMap;
  private readonly overview: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly distance: HTMLSelectElement;
  private areas?: ResettlementInflow[];

  constructor(root: HTMLElement, map: OlMap, zones: DataLayer, facilities: DataLayer) {
    this.drawn = new LivingCircleMap(map, zones, facilities);
    this.output = root.querySelector('.living-results')!;
    this.overview = root.querySelector('.living-overview')!;
    const select = (this.select = root.querySelector<HTMLSelectElement>('select.living-zone')!);
    const first = select.options[0];
    const resettlement = zones.source.getFeatures().filter((f) => f.get('kind') === 'resettlement').sort((a, b) => Number(a.getId()) - Number(b.getId()));
    select.replaceChildren(first, ...resettlement.map((f) => Object.assign(document.createElement('option'), { value: String(f.getId()), textContent: f.get('name') as string })));
    this.distance = root.querySelector<HTMLSelectElement>('select.living-distance')!;
    const showChosen = () => (select.value ? void this.show(Number(select.value)) : this.drawn.clear());
    select.addEventListener('change', showChosen);
    this.distance.addEventListener('change', showChosen);
    void fetchFlowSummary().then(
      (flows) => {
        this.areas = flows.resettlementAreas;
        this.renderOverview();
      },
      (error: Error) => (this.overview.textContent = `${t('loadFailed')}: ${error.message}`),
    );
    onLangChange(() => {
      this.render();
      this.renderOverview();
      this.drawn.relabel(gapText);
    });
  }

  private async show(zoneId: number): Promise<void> {
    this.controller?.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    this.shown = undefined;
    this.drawn.clear();
    this.output.textContent = t('loading');
    try {
      const [circle, flows] = await Promise.all([fetchLivingCircle(zoneId, Number(this.distance.value), signal), fetchFlowSummary(signal)]);
      this.shown = { circle, inflow: flows.resettlementAreas.find((a) => a.zoneId === zoneId) };
      this.render();
      this.drawn.show(circle, gapText);
    } catch (error) {
      if (!signal.aborted) {
        this.output.textContent = `${t('loadFailed')}: ${(error as Error).message}`;
      }
    }
  }

  private render(): void {
    if (!this.shown) {
      return;
    }
    const { circle, inflow } = this.shown;
    const area = circle.areas[0];
    const parts: HTMLElement[] = [];
    if (inflow) {
      parts.push(this.capacity(inflow));
    }
    parts.push(Object.assign(document.createElement('h3'), { textContent: circleTitle(circle.distanceMetres) }));
    const table = document.createElement('table');
    table.className = 'living-coverage breakdown';
    const head = table.createTHead().insertRow();
    [t('need'), t('covered'), t('nearest')].forEach((text) => head.append(Object.assign(document.createElement('th'), { textContent: text })));
    const body = table.createTBody();
    for (const need of area?.needs ?? []) {
      const row = body.insertRow();
      row.dataset.need = need.need;
      row.className = need.covered ? 'covered' : 'gap';
      row.insertCell().textContent = lang() === 'zh' ? need.label : nameOf(livingNeeds(), need.need);
      row.insertCell().textContent = need.covered ? '✓' : `✗ ${t('gap')}`;
      const nearest = need.facilities[0];
      row.insertCell().textContent = nearest ? `${nearest.name} · ${formatLength(nearest.distanceMetres)}` : '—';
    }
    parts.push(table);
    if (area?.missingFacilityKinds.length) {
      // The service names the kinds in Chinese; the catalog's facility kinds give their English names.
      const kinds = area.missingFacilityKinds.map((name) => nameOfChinese(codesOf('facilities', 'kind'), name));
      parts.push(Object.assign(document.createElement('p'), { className: 'living-missing', textContent: `${t('missingKinds')}${lang() === 'zh' ? '：' : ': '}${kinds.join(lang() === 'zh' ? '、' : ', ')}` }));
    }
    // The service's two method notes (LivingCircle.ByRoad / StraightLine), said in English under the English toggle.
    const method = lang() === 'zh' ? circle.method : t(circle.method.startsWith('路网') ? 'methodByRoad' : 'methodStraightLine');
    parts.push(Object.assign(document.createElement('p'), { className: 'note', textContent: method }));
    this.output.replaceChildren(...parts);
  }

  /**
   * Every resettlement area's inflow against its capacity, over-capacity ones first, then the fullest: the overview
   * staff need before picking one. A row's button shows that area's living circle.
   */
  private renderOverview(): void {
    if (!this.areas) {
      return;
    }
    const sorted = [...this.areas].sort((a, b) => Number(b.overCapacity) - Number(a.overCapacity) || (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.zoneId - b.zoneId);
    const table = document.createElement('table');
    table.className = 'capacity-overview breakdown';
    table.createCaption().textContent = t('capacityOverview');
    const head = table.createTHead().insertRow();
    [t('resettlementArea'), `${t('capacity')} (${t('households')})`, `${t('inflow')} (${t('households')})`, t('utilisation')].forEach((text) =>
      head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: text })),
    );
    const body = table.createTBody();
    for (const area of sorted) {
      const row = body.insertRow();
      row.dataset.zone = String(area.zoneId);
      row.className = area.overCapacity ? 'over-capacity' : '';
      const pick = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: `${area.overCapacity ? '⚠ ' : ''}${area.name}` });
      pick.addEventListener('click', () => {
        this.select.value = String(area.zoneId);
        void this.show(area.zoneId);
      });
      row.insertCell().append(pick);
      row.insertCell().textContent = area.capacityHouseholds === null ? '—' : formatNumber(area.capacityHouseholds);
      row.insertCell().textContent = formatNumber(area.inflowHouseholds);
      row.insertCell().textContent = area.utilisation === null ? '—' : `${formatNumber(area.utilisation * 100, 1)}%`;
    }
    this.overview.replaceChildren(table);
  }

  private capacity(inflow: ResettlementInflow): HTMLElement {
    const list = document.createElement('dl');
    list.className = 'query-summary living-capacity';
    const add = (term: string, value: string) => list.append(Object.assign(document.createElement('dt'), { textContent: term }), Object.assign(document.createElement('dd'), { textContent: value }));
    add(t('capacity'), inflow.capacityHouseholds === null ? '—' : `${formatNumber(inflow.capacityHouseholds)} ${t('households')}`);
    add(t('inflow'), `${formatNumber(inflow.inflowHouseholds)} ${t('households')} · ${formatNumber(inflow.inflowPersons)} ${t('persons')}`);
    if (inflow.utilisation !== null) {
      add(t('utilisation'), `${formatNumber(inflow.utilisation * 100, 1)}%`);
    }
    const warning = Object.assign(document.createElement('p'), {
      className: inflow.overCapacity ? 'living-warning over-capacity' : 'living-warning',
      // The server words the warning in Chinese; the English one is built from the same figures.
      textContent: inflow.overCapacity ? `⚠ ${lang() === 'zh' ? inflow.warning : `${t('overCapacityBy')} ${formatNumber(inflow.inflowHouseholds - (inflow.capacityHouseholds ?? 0))} ${t('households')}`}` : t('withinCapacity'),
    });
    warning.setAttribute('role', inflow.overCapacity ? 'alert' : 'status');
    const wrapper = document.createElement('div');
    wrapper.append(list, warning);
    return wrapper;
  }
}
