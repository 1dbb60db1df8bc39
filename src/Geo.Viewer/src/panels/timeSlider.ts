import type { DataLayer } from '../layers/dataLayers';
import { filterYear, isUnderConstruction, setFilterYear } from '../styles/yearFilter';
import { onLangChange, t } from '../i18n';

/** Construction years of the plan's projects (2020 to 2028); the slider shows the projects under way in one year. */
export const firstYear = 2020;
export const lastYear = 2028;

export class TimeSlider {
  private readonly enabled: HTMLInputElement;
  private readonly slider: HTMLInputElement;
  private readonly label: HTMLElement;
  private readonly listeners: Array<() => void> = [];

  constructor(
    root: HTMLElement,
    private readonly projects: DataLayer,
  ) {
    this.enabled = root.querySelector('input.year-enabled')!;
    this.slider = root.querySelector('input.year-slider')!;
    this.label = root.querySelector('.year-label')!;
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
    this.projects.layer.changed();
    this.updateLabel();
    this.listeners.forEach((listener) => listener());
  }

  private updateLabel(): void {
    const year = filterYear();
    if (year === null) {
      this.label.textContent = '';
      return;
    }
    const count = this.projects.source.getFeatures().filter((f) => isUnderConstruction(f.get('start_year'), f.get('end_year'), year)).length;
    this.label.textContent = `${year}: ${count} ${t('underConstruction')}`;
  }
}
