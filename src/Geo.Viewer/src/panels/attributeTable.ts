import type Feature from 'ol/Feature';
import { toCsv } from '../csv';
import { downloadBlob } from '../download';
import { displayValue, fieldTitle, tableFields } from '../fields';
import { onLangChange, t } from '../i18n';
import { geoJson, type DataLayer } from '../layers/dataLayers';
import type { Selection } from '../selection';
import { filterYear, isUnderConstruction } from '../styles/yearFilter';

function valueOf(feature: Feature, field: string): unknown {
  return field === 'id' ? feature.getId() : feature.get(field);
}

/** Attribute table per layer: sort by a column, filter by text, click a row to zoom to it, export the rows shown. */
export class AttributeTable {
  private layerId: string;
  private sortField = 'id';
  private sortAscending = true;
  private filterText = '';
  private readonly layerSelect: HTMLSelectElement;
  private readonly filterInput: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly table: HTMLTableElement;

  constructor(
    root: HTMLElement,
    private readonly layers: DataLayer[],
    private readonly selection: Selection,
  ) {
    this.layerId = 'projects';
    this.layerSelect = root.querySelector('select.table-layer')!;
    this.filterInput = root.querySelector('input.table-filter')!;
    this.count = root.querySelector('.table-count')!;
    this.table = root.querySelector('table')!;
    this.layerSelect.addEventListener('change', () => {
      this.layerId = this.layerSelect.value;
      this.sortField = 'id';
      this.sortAscending = true;
      this.render();
    });
    this.filterInput.addEventListener('input', () => {
      this.filterText = this.filterInput.value.trim().toLowerCase();
      this.render();
    });
    root.querySelector('button.export-csv')!.addEventListener('click', () => this.exportCsv());
    root.querySelector('button.export-geojson')!.addEventListener('click', () => this.exportGeoJson());
    selection.onChange(() => this.markSelected());
    onLangChange(() => this.render());
  }

  private get dataLayer(): DataLayer {
    return this.layers.find((l) => l.definition.id === this.layerId)!;
  }

  /** The rows shown: filtered on any displayed value, sorted numerically where both values are numbers. */
  rows(): Feature[] {
    const { info } = this.dataLayer;
    const fields = tableFields(info);
    // The time slider's year narrows the projects here as on the map.
    const year = info.id === 'projects' ? filterYear() : null;
    const features = this.dataLayer.source.getFeatures().filter(
      (feature) =>
        (year === null || isUnderConstruction(feature.get('start_year'), feature.get('end_year'), year)) &&
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

  render(): void {
    this.layerSelect.replaceChildren(
      ...this.layers
        .filter((l) => l.definition.id !== 'district')
        .map((l) => Object.assign(document.createElement('option'), { value: l.definition.id, textContent: l.title(), selected: l.definition.id === this.layerId })),
    );
    const { info } = this.dataLayer;
    const fields = tableFields(info);
    const head = this.table.createTHead();
    head.replaceChildren();
    const headRow = head.insertRow();
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
    }
    const body = document.createElement('tbody');
    const rows = this.rows();
    for (const feature of rows) {
      const row = body.insertRow();
      row.tabIndex = 0;
      row.dataset.id = String(feature.getId());
      for (const field of fields) {
        row.insertCell().textContent = displayValue(info.id, field, valueOf(feature, field));
      }
      const choose = () => this.selection.select({ layerId: this.layerId, featureId: Number(feature.getId()) }, true);
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
    const year = this.layerId === 'projects' ? filterYear() : null;
    this.count.textContent = `${rows.length} / ${this.dataLayer.source.getFeatures().length} ${t('rows')}${year === null ? '' : ` · ${year} ${t('underConstruction')}`}`;
    this.markSelected();
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
    const rows = this.rows().map((feature) => fields.map((field) => valueOf(feature, field)));
    downloadBlob(`${this.layerId}.csv`, toCsv(fields.map((field) => fieldTitle(info, field)), rows));
  }

  private exportGeoJson(): void {
    const collection = geoJson.writeFeaturesObject(this.rows(), { decimals: 7 });
    downloadBlob(`${this.layerId}.geojson`, new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }));
  }
}
