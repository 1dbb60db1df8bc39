import { lang, t } from './i18n';

// toLocaleString with options builds a formatter per call: ~0.1 ms each, and the layer tree's legend writes a few
// hundred numbers before the first frame (docs/BENCHMARKS.md, session 10). One formatter per language and precision.
const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, maxFractionDigits = 2): string {
  // A whole number is written as both locales write it (digits grouped by three with ","), without Intl: the page's
  // first Intl.NumberFormat loads ICU's number data, ~50 ms of the first render for the legend's three amounts
  // (docs/BENCHMARKS.md, session 11). Past 2^53 (and -0) Intl's rounding and sign are left to Intl.
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
    return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
  }
  const locale = lang() === 'zh' ? 'zh-CN' : 'en-US';
  const key = `${locale}/${maxFractionDigits}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits });
    formatters.set(key, formatter);
  }
  return formatter.format(value);
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
