import type { Chart } from 'chart.js';
import { formatWan } from '../format';
import { onLangChange, t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import { projectCategoryColours } from '../styles/palette';
import { projectTotals } from '../tools/projectTotals';
import { codesOf, nameOf } from '../codeNames';

/** Chart.js loads when the panel first opens, keeping it out of the bundle the first render waits for. */
async function loadChart(): Promise<typeof Chart> {
  const chartJs = await import('chart.js');
  const { ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, Tooltip } = chartJs;
  chartJs.Chart.register(BarController, BarElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip);
  return chartJs.Chart;
}

const tooltip = { callbacks: { label: (item: { raw: unknown }) => formatWan(Number(item.raw)) } };

/** Investment of the 35 projects by group, by funding and by start year, drawn when the panel opens. */
export class ChartsPanel {
  private charts: Chart[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly projects: DataLayer,
  ) {
    onLangChange(() => {
      if (this.charts.length) {
        void this.render();
      }
    });
  }

  async render(): Promise<void> {
    const Chart = await loadChart();
    this.charts.forEach((chart) => chart.destroy());
    const totals = projectTotals(this.projects.source.getFeatures());
    const canvas = (name: string) => this.root.querySelector<HTMLCanvasElement>(`canvas[data-chart="${name}"]`)!;
    const groups = [...totals.byGroup.keys()];
    this.charts = [
      new Chart(canvas('group'), {
        type: 'bar',
        data: {
          labels: groups.map((code) => nameOf(codesOf('projects', 'category'), code)),
          datasets: [{ label: t('totalInvestment'), data: groups.map((code) => totals.byGroup.get(code)!), backgroundColor: groups.map((code) => projectCategoryColours[code]) }],
        },
        options: { indexAxis: 'y', animation: false, plugins: { legend: { display: false }, tooltip } },
      }),
      new Chart(canvas('funding'), {
        type: 'doughnut',
        data: {
          labels: [...totals.byFunding.keys()].map((code) => nameOf(codesOf('projects', 'funding'), code)),
          datasets: [{ data: [...totals.byFunding.values()], backgroundColor: ['#1c7ed6', '#f59f00'] }],
        },
        options: { animation: false, plugins: { tooltip } },
      }),
      new Chart(canvas('year'), {
        type: 'bar',
        data: {
          labels: [...totals.byStartYear.keys()].map(String),
          datasets: [{ label: t('byYear'), data: [...totals.byStartYear.values()], backgroundColor: '#495057' }],
        },
        options: { animation: false, plugins: { legend: { display: false }, tooltip } },
      }),
    ];
    this.dataTable('group', t('byGroup'), groups.map((code) => [nameOf(codesOf('projects', 'category'), code), totals.byGroup.get(code)!]));
    this.dataTable('funding', t('byFunding'), [...totals.byFunding].map(([code, wan]) => [nameOf(codesOf('projects', 'funding'), code), wan]));
    this.dataTable('year', t('byYear'), [...totals.byStartYear].map(([year, wan]) => [String(year), wan]));
    this.root.querySelector('.charts-total')!.textContent = `${t('count')}: ${totals.count} · ${t('totalInvestment')}: ${formatWan(totals.investment)}`;
  }

  /**
   * The figures behind a chart as a table right after it: the text alternative screen readers read (the canvas itself
   * is marked as an image named by the table's caption) and what staff copy the numbers from.
   */
  private dataTable(name: string, title: string, rows: Array<[string, number]>): void {
    const chart = this.root.querySelector<HTMLCanvasElement>(`canvas[data-chart="${name}"]`)!;
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', `${title}: ${t('chartDataBelow')}`);
    const table = document.createElement('table');
    table.className = 'breakdown chart-data';
    table.dataset.chart = name;
    table.createCaption().textContent = title;
    const head = table.createTHead().insertRow();
    for (const text of [title, t('totalInvestment')]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const body = table.createTBody();
    for (const [label, wan] of rows) {
      const row = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      row.append(th);
      row.insertCell().textContent = formatWan(wan);
    }
    this.root.querySelector(`table.chart-data[data-chart="${name}"]`)?.remove();
    chart.parentElement!.after(table);
  }
}
