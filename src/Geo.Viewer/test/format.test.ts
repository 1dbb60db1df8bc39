import { afterEach, describe, expect, it } from 'vitest';
import { formatArea, formatLength, formatNumber, formatWan } from '../src/format';
import { setLang } from '../src/i18n';

afterEach(() => setLang('zh'));

describe('format', () => {
  it('writes the plan\'s unit 万元 (×10⁴ yuan in English) with thousands separators', () => {
    expect(formatWan(624202)).toBe('624,202 万元');
    setLang('en');
    expect(formatWan(624202)).toBe('624,202 ×10⁴ yuan');
  });

  it('quotes an area in m², hectares and mu (1 mu = 666.67 m²)', () => {
    // 20,000 m² = 2 ha = 30 mu exactly.
    expect(formatArea(20000)).toBe('20,000 m² · 2 公顷 · 30 亩');
    setLang('en');
    expect(formatArea(20000)).toBe('20,000 m² · 2 ha · 30 mu');
    // 1,000 m² = 0.1 ha = 1.5 mu.
    expect(formatArea(1000)).toBe('1,000 m² · 0.1 ha · 1.5 mu');
  });

  it('switches from metres to kilometres at 1 km', () => {
    expect(formatLength(999.94)).toBe('999.9 m');
    expect(formatLength(1500)).toBe('1.5 km');
    expect(formatLength(12345)).toBe('12.345 km');
  });

  it('rounds to the asked number of fraction digits', () => {
    expect(formatNumber(3.14159)).toBe('3.14');
    expect(formatNumber(3.14159, 0)).toBe('3');
  });

  it('writes whole numbers as Intl.NumberFormat does in both languages, without it', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = [0, 7, -7, 999, 1000, -1000, 10000, 50000, 624202, -999999, 1234567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 500; i++) {
      values.push(Math.round((random() - 0.5) * 10 ** Math.floor(random() * 16)));
    }
    for (const [language, locale] of [['zh', 'zh-CN'], ['en', 'en-US']] as const) {
      setLang(language);
      for (const digits of [0, 2, 3]) {
        const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
        for (const value of values) {
          expect(formatNumber(value, digits), `${locale} ${value}`).toBe(intl.format(value));
        }
      }
    }
  });
});
