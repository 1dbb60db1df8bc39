import { formatNumber, formatWan } from '../format';
import { lang, t } from '../i18n';
import type { AreaSummary, SummaryGroup } from '../api/types';
import { codesOf, nameOf, type Names } from '../codeNames';

/** The server labels in Chinese; coded groups (项目类别, 投资类别) get the catalog's English names under the toggle. */
function breakdown(title: string, groups: SummaryGroup[], apportioned: boolean, names?: Names): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'breakdown';
  table.createCaption().textContent = title;
  for (const group of groups) {
    const row = table.insertRow();
    row.dataset.key = group.key;
    row.insertCell().textContent = names && group.key in names ? nameOf(names, group.key) : label(group);
    row.insertCell().textContent = String(group.count);
    row.insertCell().textContent = formatWan(group.totalWan);
    // Only when something was apportioned does the second figure differ, and only then does it earn a column.
    if (apportioned) {
      row.insertCell().textContent = formatWan(group.apportionedWan);
    }
  }
  return table;
}

/** Start years are labelled "2024年开工" by the server; in English the year alone says it under "By start year". */
function label(group: SummaryGroup): string {
  return lang() === 'en' && /^\d{4}$/.test(group.key) ? group.key : group.label;
}

/** The server's summary of projects in an area: count, total, the four breakdowns, and the apportioned figures. */
export function renderAreaSummary(answer: AreaSummary): HTMLElement[] {
  const { summary } = answer;
  const apportioned = summary.apportionedCount > 0;
  const list = document.createElement('dl');
  list.className = 'query-summary';
  const add = (term: string, value: string, className: string) =>
    list.append(Object.assign(document.createElement('dt'), { textContent: term }), Object.assign(document.createElement('dd'), { textContent: value, className }));
  add(t('count'), String(summary.count), 'summary-count');
  add(t('totalInvestment'), formatWan(summary.totalWan), 'summary-total');
  if (apportioned) {
    add(`${t('apportionedTotal')}（${summary.apportionedCount}）`, formatWan(summary.apportionedTotalWan), 'summary-apportioned');
  }
  const notes = answer.notes.map((text) => Object.assign(document.createElement('p'), { className: 'note', textContent: text }));
  return [
    list,
    ...notes,
    breakdown(t('byGroup'), summary.byGroup, apportioned, codesOf('projects', 'category')),
    breakdown(t('byFunding'), summary.byFunding, apportioned, codesOf('projects', 'funding')),
    breakdown(t('byYear'), summary.byStartYear, apportioned),
    breakdown(t('byLeadUnit'), summary.byLeadUnit, apportioned),
  ];
}

/** One project of the answer: its whole investment, and for a polygon partly inside its share and apportioned figure. */
export function projectLine(project: AreaSummary['projects']['features'][number]): string {
  const p = project.properties ?? {};
  const whole = `${project.id}. ${p.name} — ${formatWan(p.investment_wan as number)}`;
  if (!p.apportioned) {
    return whole;
  }
  const share = formatNumber((p.share_inside as number) * 100, 1);
  return `${whole}（${t('shareInside')} ${share}%，${t('apportioned')} ${formatWan(p.apportioned_investment_wan as number)}）`;
}
