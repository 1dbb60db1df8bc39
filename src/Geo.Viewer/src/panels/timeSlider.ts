import type Feature from 'ol/Feature';
import type { DataLayer } from '../layers/dataLayers';
import type { Selection } from '../selection';
import { filterYear, isUnderConstruction, setFilterYear } from '../styles/yearFilter';
import { onLangChange, t } from '../i18n';

/** Construction years of the plan's projects (2020 to 2028); the slider shows the projects under way in one year. */
export const firstYear = 2020;
export const lastYear = 2028;

export class TimeSlider {
  private readonly enabled: HTMLInputElement;
  private readonly slider: HTMLInputElement;
  private readonly label: HTMLElement;
  private readonly list: HTMLDetailsElement;
  private readonly listeners: Array<() => void> = [];

  constructor(
    root: HTMLElement,
    private readonly projects: DataLayer,
    private readonly selection: Selection,
  ) {
    this.enabled = root.querySelector('input.year-enabled')!;
    this.slider = root.querySelector('input.year-slider')!;
    this.label = root.querySelector('.year-label')!;
    this.list = root.querySelector('details.year-projects')!;
    this.slider.min = String(firstYear);
    this.slider.max = String(lastYear);
    this.enabled.addEventListener('change', () => this.apply());
    this.slider.addEventListener('input', () => {
      this.enabled.checked = true;
      this.apply();
    });
    onLangChange(() => this.updateLabel());
  }

  get year(): number | null {
    return filterYear();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  setYear(year: number | null): void {
    this.enabled.checked = year !== null;
    if (year !== null) {
      this.slider.value = String(year);
    }
    this.apply();
  }

  private apply(): void {
    setFilterYear(this.enabled.checked ? Number(this.slider.value) : null);
    // A change of the source, not just the layer: the projects' clusters count only the projects shown that year.
    this.projects.source.changed();
    this.updateLabel();
    this.listeners.forEach((listener) => listener());
  }

  private updateLabel(): void {
    const year = filterYear();
    if (year === null) {
      this.label.textContent = '';
      this.renderList(null);
      return;
    }
    const count = this.underWay(year).length;
    this.label.textContent = `${year}: ${count} ${t('underConstruction')}`;
    this.renderList(year);
  }

  /**
   * The projects under way that year by 序号 and name, folded under the label so the layer tree stays in sight;
   * picking one zooms to it and opens its popup. The attribute table shows the same projects.
   */
  private renderList(year: number | null): void {
    this.list.hidden = year === null;
    if (year === null) {
      return;
    }
    const items = this.underWay(year).map((feature) => {
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: `${feature.getId()} · ${feature.get('name')}` });
      button.dataset.id = String(feature.getId());
      button.addEventListener('click', () => this.selection.select({ layerId: 'projects', featureId: Number(feature.getId()) }, true));
      const item = document.createElement('li');
      item.append(button);
      return item;
    });
    const summary = Object.assign(document.createElement('summary'), { textContent: t('yearProjects') });
    this.list.replaceChildren(summary, Object.assign(document.createElement('ol'), { className: 'year-project-list' }));
    this.list.querySelector('ol')!.append(...items);
  }

  private underWay(year: number): Feature[] {
    return this.projects.source.getFeatures()
      .filter((f) => isUnderConstruction(f.get('start_year'), f.get('end_year'), year))
      .sort((a, b) => Number(a.getId()) - Number(b.getId()));
  }
}
