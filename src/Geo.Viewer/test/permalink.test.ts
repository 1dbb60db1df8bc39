import { describe, expect, it } from 'vitest';
import { readPermalink, writePermalink } from '../src/permalink';

describe('permalink', () => {
  it('reads every part of a hash', () => {
    expect(readPermalink('#c=108.41,31.17&z=11&l=district,zones,projects&s=projects:4&y=2024&lang=en')).toEqual({
      center: [108.41, 31.17],
      zoom: 11,
      layers: ['district', 'zones', 'projects'],
      selected: { layerId: 'projects', featureId: 4 },
      year: 2024,
      lang: 'en',
    });
  });

  it('writes commas and colons readably, and leaves out the default language', () => {
    expect(writePermalink({ center: [108.4, 31.2], zoom: 11, layers: ['district', 'projects'], selected: { layerId: 'zones', featureId: 3 }, lang: 'zh' }))
      .toBe('#c=108.40000,31.20000&z=11.00&l=district,projects&s=zones:3');
  });

  it('reads back what it wrote', () => {
    const state = { center: [108.41234, 31.16789] as [number, number], zoom: 12.5, layers: ['zones'], selected: { layerId: 'projects', featureId: 12 }, year: 2027, lang: 'en' as const };
    expect(readPermalink(writePermalink(state))).toEqual(state);
  });

  it('ignores parts it cannot read instead of guessing', () => {
    expect(readPermalink('#c=abc,31&z=x&s=projects:&y=2024.5&lang=fr')).toEqual({});
    expect(readPermalink('')).toEqual({});
  });

  it('keeps an empty layer list (every layer switched off)', () => {
    expect(readPermalink('#l=')).toEqual({ layers: [] });
  });
});
