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
});
