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
    this.root.querySelector('.charts-total')!.textContent = `${t('count')}: ${totals.count} · ${t('totalInvestment')}: ${formatWan(totals.investment)}`;
  }
}
