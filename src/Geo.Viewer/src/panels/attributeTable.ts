import type Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import { transformExtent } from 'ol/proj';
import { countExactly, fetchItemsPage, type ItemsPageAnswer } from '../api';
import { toCsv } from '../csv';
import { downloadBlob } from '../download';
import { displayValue, fieldTitle, tableFields } from '../fields';
import { formatNumber } from '../format';
import { onLangChange, t } from '../i18n';
import { geoJson, type DataLayer } from '../layers/dataLayers';
import type { Selection } from '../selection';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import { filterYear, isUnderConstruction } from '../styles/yearFilter';
import type { ExportScope } from '../files/exportFormats';
import { itemsExportMenu } from '../files/exportMenu';
import { exportValue, filterKind, matches, pickChoices, valueOf, type ColumnFilter } from './columnFilters';
import { firstPageUrl, serverPageSize } from './tableQuery';

/** A page of a layer the server pages: the addresses that led to it (first page first) and, once read, its rows. */
interface ServerPage {
  urls: string[];
  answer?: ItemsPageAnswer;
  rows: Feature[];
}

/**
 * Attribute table per layer: sort by a column, filter by text over all columns and per column (text, number range,
 * the catalog's values), only the features in view, click a row to zoom to it, export the rows shown as they are shown.
 * A layer drawn from tiles is never loaded whole: the server sorts, filters (CQL2) and pages it, 100 rows at a time,
 * and the table follows the server's next links.
 */
export class AttributeTable {
  private layerId: string;
  private sortField = 'id';
  private sortAscending = true;
  private filterText = '';
  private readonly filters = new Map<string, ColumnFilter>();
  private readonly layerSelect: HTMLSelectElement;
  private readonly filterInput: HTMLInputElement;
  private readonly inView: HTMLInputElement;
  private readonly count: HTMLElement;
  /** Shown when the server estimated the total: asks it to count exactly (resultType=hits). */
  private readonly exactCount: HTMLButtonElement;
  private readonly table: HTMLTableElement;
  private readonly pager: HTMLElement;
  private server: ServerPage = { urls: [], rows: [] };
  private controller?: AbortController;

  constructor(
    private readonly root: HTMLElement,
    private readonly map: OlMap,
    private readonly layers: DataLayer[],
    private readonly selection: Selection,
  ) {
    this.layerId = 'projects';
    this.layerSelect = root.querySelector('select.table-layer')!;
    this.filterInput = root.querySelector('input.table-filter')!;
    this.inView = root.querySelector('input.table-in-view')!;
    this.count = root.querySelector('.table-count')!;
    this.exactCount = root.querySelector('button.table-exact-count')!;
    this.exactCount.addEventListener('click', () => void this.countExactly());
    this.table = root.querySelector('table')!;
    this.pager = root.querySelector('.table-pager')!;
    root.querySelector('button.table-prev')!.addEventListener('click', () => this.turnPage(-1));
    root.querySelector('button.table-next')!.addEventListener('click', () => this.turnPage(1));
    this.layerSelect.addEventListener('change', () => {
      this.layerId = this.layerSelect.value;
      this.sortField = 'id';
      this.sortAscending = true;
      this.filters.clear();
      this.render();
    });
    this.filterInput.addEventListener('input', () => {
      this.filterText = this.filterInput.value.trim().toLowerCase();
      this.renderBody();
    });
    this.inView.addEventListener('change', () => this.renderBody());
    map.on('moveend', () => {
      if (this.inView.checked && !root.hidden) {
        this.renderBody();
      }
    });
    root.querySelector('button.export-csv')!.addEventListener('click', () => this.exportCsv());
    root.querySelector('button.export-geojson')!.addEventListener('click', () => this.exportGeoJson());
    // The server's formats (gpkg, shp, 报盘 TXT …) for the same rows: the OGC items query of what the table shows.
    const exportSlot = root.querySelector('.table-export')!;
    const exportStatus = root.querySelector<HTMLElement>('.table-export-status')!;
    const exportMenu = () => exportSlot.replaceChildren(itemsExportMenu('exportLayer', 'table-export-menu', () => this.layerId, () => this.exportScope(), () => exportStatus));
    exportMenu();
    onLangChange(exportMenu);
    selection.onChange(() => this.markSelected());
    onLangChange(() => this.render());
  }

  private get dataLayer(): DataLayer {
    return this.layers.find((l) => l.definition.id === this.layerId)!;
  }

  /** The rows shown: every filter applied, sorted numerically where both values are numbers (the server's page for a tiled layer). */
  rows(): Feature[] {
    return this.dataLayer.tiled ? this.server.rows : this.localRows();
  }

  private localRows(): Feature[] {
    const { info } = this.dataLayer;
    const fields = tableFields(info);
    // The time slider's year narrows the projects here as on the map.
    const year = info.id === 'projects' ? filterYear() : null;
    const view = this.inView.checked ? this.map.getView().calculateExtent(this.map.getSize()) : null;
    const features = this.dataLayer.source.getFeatures().filter(
      (feature) =>
        (year === null || isUnderConstruction(feature.get('start_year'), feature.get('end_year'), year)) &&
        (view === null || feature.getGeometry()?.intersectsExtent(view) === true) &&
        [...this.filters].every(([field, filter]) => matches(info, feature, field, filter)) &&
        (!this.filterText || fields.some((field) => displayValue(info.id, field, valueOf(feature, field)).toLowerCase().includes(this.filterText))),
    );
    const direction = this.sortAscending ? 1 : -1;
    return features.sort((a, b) => {
      const x = valueOf(a, this.sortField);
      const y = valueOf(b, this.sortField);
      if (typeof x === 'number' && typeof y === 'number') {
        return (x - y) * direction;
      }
      return String(x ?? '').localeCompare(String(y ?? ''), 'zh-CN') * direction;
    });
  }

  /** The rows shown as an items query: all of the layer, those in view (bbox), or, when filters narrow them, their ids. */
  exportScope(): ExportScope {
    const narrowed = this.filterText !== '' || this.filters.size > 0 || (this.layerId === 'projects' && filterYear() !== null);
    if (narrowed) {
      return { ids: this.rows().map((feature) => Number(feature.getId())) };
    }
    return this.inView.checked ? { bbox: transformExtent(this.map.getView().calculateExtent(this.map.getSize()), VIEW_PROJECTION, DATA_PROJECTION) } : {};
  }

  /**
   * Draws the table again if it is open. A hidden table is drawn when its button opens it (main.ts calls this again):
   * its rows, and with them the page's first Intl number formatter (ICU's number data, ~50 ms), are then no part of
   * the map's first frame (docs/BENCHMARKS.md, session 12).
   */
  render(): void {
    if (this.root.hidden) {
      return;
    }
    this.layerSelect.replaceChildren(
      ...this.layers
        .filter((l) => l.definition.id !== 'district')
        .map((l) => Object.assign(document.createElement('option'), { value: l.definition.id, textContent: l.title(), selected: l.definition.id === this.layerId })),
    );
    this.renderHead();
    this.renderBody();
  }

  private renderHead(): void {
    const { info } = this.dataLayer;
    const fields = tableFields(info);
    const head = this.table.createTHead();
    head.replaceChildren();
    const headRow = head.insertRow();
    const filterRow = head.insertRow();
    filterRow.className = 'column-filters';
    for (const field of fields) {
      const th = document.createElement('th');
      th.scope = 'col';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = fieldTitle(info, field) + (field === this.sortField ? (this.sortAscending ? ' ▲' : ' ▼') : '');
      button.addEventListener('click', () => {
        this.sortAscending = field === this.sortField ? !this.sortAscending : true;
        this.sortField = field;
        this.render();
      });
      th.setAttribute('aria-sort', field === this.sortField ? (this.sortAscending ? 'ascending' : 'descending') : 'none');
      th.append(button);
      headRow.append(th);
      const cell = document.createElement('td');
      cell.append(...this.filterControls(field));
      filterRow.append(cell);
    }
  }

  /** The inputs of one column's filter, filled from the filter kept for it; a change re-filters the rows. */
  private filterControls(field: string): HTMLElement[] {
    const { info } = this.dataLayer;
    const title = fieldTitle(info, field);
    const set = (filter: ColumnFilter | null) => {
      if (filter) {
        this.filters.set(field, filter);
      } else {
        this.filters.delete(field);
      }
      this.renderBody();
    };
    const current = this.filters.get(field);
    switch (filterKind(info, field)) {
      case 'pick': {
        const select = document.createElement('select');
        select.dataset.field = field;
        select.setAttribute('aria-label', `${t('filter')}: ${title}`);
        select.append(new Option(t('all'), ''), ...pickChoices(info, field).map(([value, name]) => new Option(name, value)));
        select.value = current?.kind === 'pick' ? current.value : '';
        select.addEventListener('change', () => set(select.value ? { kind: 'pick', value: select.value } : null));
        return [select];
      }
      case 'range': {
        const bound = (which: 'min' | 'max') => {
          const input = document.createElement('input');
          input.type = 'number';
          input.dataset.field = field;
          input.dataset.bound = which;
          input.placeholder = which === 'min' ? '≥' : '≤';
          input.setAttribute('aria-label', `${title} ${which === 'min' ? t('atLeast') : t('atMost')}`);
          const value = current?.kind === 'range' ? current[which] : null;
          input.value = value === null ? '' : String(value);
          return input;
        };
        const inputs = [bound('min'), bound('max')];
        const read = (input: HTMLInputElement) => (input.value === '' || !Number.isFinite(input.valueAsNumber) ? null : input.valueAsNumber);
        inputs.forEach((input) =>
          input.addEventListener('input', () => {
            const [min, max] = inputs.map(read);
            set(min === null && max === null ? null : { kind: 'range', min, max });
          }),
        );
        return inputs;
      }
      case 'text': {
        const input = document.createElement('input');
        input.type = 'search';
        input.dataset.field = field;
        input.setAttribute('aria-label', `${t('filter')}: ${title}`);
        input.value = current?.kind === 'text' ? current.text : '';
        input.addEventListener('input', () => set(input.value.trim() ? { kind: 'text', text: input.value.trim() } : null));
        return [input];
      }
    }
  }

  private renderBody(): void {
    this.pager.hidden = !this.dataLayer.tiled;
    if (this.dataLayer.tiled) {
      this.renderServerPage();
      return;
    }
    const rows = this.localRows();
    const year = this.layerId === 'projects' ? filterYear() : null;
    this.renderRows(rows, `${rows.length} / ${this.dataLayer.source.getFeatures().length} ${t('rows')}${year === null ? '' : ` · ${year} ${t('underConstruction')}`}`);
  }

  private renderRows(rows: Feature[], count: string): void {
    const { info, tiled, source } = this.dataLayer;
    const fields = tableFields(info);
    const body = document.createElement('tbody');
    for (const feature of rows) {
      const row = body.insertRow();
      row.tabIndex = 0;
      row.dataset.id = String(feature.getId());
      for (const field of fields) {
        row.insertCell().textContent = displayValue(info.id, field, valueOf(feature, field));
      }
      const choose = () => {
        // A tiled layer's source holds only the features picked so far, where the selection and the popup find them.
        if (tiled && !source.getFeatureById(feature.getId()!)) {
          source.addFeature(feature);
        }
        this.selection.select({ layerId: this.layerId, featureId: Number(feature.getId()) }, true);
      };
      row.addEventListener('click', choose);
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          choose();
        }
      });
    }
    this.table.tBodies[0]?.remove();
    this.table.append(body);
    this.count.textContent = count;
    this.exactCount.hidden = !(tiled && this.server.answer?.estimated);
    this.markSelected();
  }

  /** The shown page's total counted exactly by the server; the page itself stays as it is. */
  private async countExactly(): Promise<void> {
    const { urls, answer, rows } = this.server;
    if (!answer || urls.length === 0) {
      return;
    }
    const signal = this.controller?.signal;
    this.exactCount.disabled = true;
    try {
      const exact = await countExactly(urls[0], signal);
      if (this.server.answer === answer) {
        this.server = { urls, rows, answer: { ...answer, numberMatched: exact, estimated: false } };
        this.renderRows(rows, this.pageCount(this.server.answer!, urls.length));
      }
    } catch (error) {
      if (!signal?.aborted) {
        this.count.textContent = `${t('loadFailed')}: ${(error as Error).message}`;
      }
    } finally {
      this.exactCount.disabled = false;
    }
  }

  /**
   * The server's page for the table's sort and filters: a changed query starts again at its first page, otherwise the
   * page shown is drawn again (a new language, a new selection).
   */
  private renderServerPage(): void {
    const view = this.inView.checked ? transformExtent(this.map.getView().calculateExtent(this.map.getSize()), VIEW_PROJECTION, DATA_PROJECTION) : null;
    const first = firstPageUrl(this.dataLayer.info, {
      sortField: this.sortField,
      sortAscending: this.sortAscending,
      filters: this.filters,
      text: this.filterText,
      bbox: view,
    });
    if (this.server.urls[0] !== first) {
      void this.loadPage([first]);
    } else if (this.server.answer) {
      this.renderRows(this.server.rows, this.pageCount(this.server.answer, this.server.urls.length));
    }
  }

  /** Next follows the server's link; back returns to the address that led to the page before (offset or keyset alike). */
  private turnPage(step: 1 | -1): void {
    const { urls, answer } = this.server;
    if (step === 1 && answer?.next) {
      void this.loadPage([...urls, answer.next]);
    } else if (step === -1 && urls.length > 1) {
      void this.loadPage(urls.slice(0, -1));
    }
  }

  private async loadPage(urls: string[]): Promise<void> {
    this.controller?.abort();
    this.controller = new AbortController();
    const { signal } = this.controller;
    const layerId = this.layerId;
    this.server = { urls, rows: [] };
    this.count.textContent = t('loading');
    this.setPagerButtons();
    try {
      const answer = await fetchItemsPage(urls[urls.length - 1], signal);
      if (signal.aborted || layerId !== this.layerId) {
        return;
      }
      this.server = { urls, answer, rows: answer.features.map((f) => geoJson.readFeature(f) as Feature) };
      this.renderRows(this.server.rows, this.pageCount(answer, urls.length));
    } catch (error) {
      if (!signal.aborted) {
        // Forgotten, so that the next render (a language switch, a sort) asks again.
        this.server = { urls: [], rows: [] };
        this.renderRows([], `${t('loadFailed')}: ${(error as Error).message}`);
      }
    }
    this.setPagerButtons();
  }

  /** 第 101–200 行，共 200,094 行, marked （估计） when the server says its total is an estimate. */
  private pageCount(answer: ItemsPageAnswer, pageNumber: number): string {
    const from = (pageNumber - 1) * serverPageSize + 1;
    const to = from + answer.features.length - 1;
    const text = t('pageRows')
      .replace('{from}', formatNumber(answer.features.length === 0 ? 0 : from))
      .replace('{to}', formatNumber(Math.max(to, 0)))
      .replace('{total}', formatNumber(answer.numberMatched));
    return `${text}${answer.estimated ? t('estimatedTotal') : ''} · ${t('serverPaged')}`;
  }

  private setPagerButtons(): void {
    this.pager.querySelector<HTMLButtonElement>('.table-prev')!.disabled = this.server.urls.length <= 1;
    this.pager.querySelector<HTMLButtonElement>('.table-next')!.disabled = !this.server.answer?.next;
  }

  private markSelected(): void {
    const selected = this.selection.selected;
    this.table.querySelectorAll('tbody tr').forEach((row) => {
      const isSelected = selected?.layerId === this.layerId && (row as HTMLElement).dataset.id === String(selected.featureId);
      row.classList.toggle('selected', isSelected);
      row.setAttribute('aria-selected', String(isSelected));
    });
  }

  private exportCsv(): void {
    const { info } = this.dataLayer;
    const fields = tableFields(info);
    const rows = this.rows().map((feature) => fields.map((field) => exportValue(info, feature, field)));
    downloadBlob(`${this.layerId}.csv`, toCsv(fields.map((field) => fieldTitle(info, field)), rows));
  }

  private exportGeoJson(): void {
    const collection = geoJson.writeFeaturesObject(this.rows(), { decimals: 7 });
    downloadBlob(`${this.layerId}.geojson`, new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }));
  }
}
