import { lang, t } from './i18n';

export function formatNumber(value: number, maxFractionDigits = 2): string {
  return value.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: maxFractionDigits });
}

/** "12,345 万元" ("12,345 ×10⁴ yuan" in English): the plan states every investment in 万元, so that stays the unit. */
export function formatWan(value: number): string {
  return `${formatNumber(value)} ${t('wan')}`;
}

/** Areas the way land staff quote them: m², 公顷 and 亩 (1 亩 = 10000/15 m²). */
export function formatArea(squareMetres: number): string {
  return `${formatNumber(squareMetres, 0)} m² · ${formatNumber(squareMetres / 10000, 2)} ${t('hectare')} · ${formatNumber(squareMetres / (10000 / 15), 2)} ${t('mu')}`;
}

export function formatLength(metres: number): string {
  return metres >= 1000 ? `${formatNumber(metres / 1000, 3)} km` : `${formatNumber(metres, 1)} m`;
}
