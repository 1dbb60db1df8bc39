import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, complianceSeverities, complianceVerdicts, isCoded, livingNeeds, nameOf, setCodeNames } from '../src/codeNames';
import { setLang } from '../src/i18n';
import { zones } from './zonesInfo';

beforeAll(() =>
  setCodeNames({
    baseMaps: { tianditu: { enabled: false, key: '' }, openStreetMap: { enabled: false } },
    collections: [
      zones,
      {
        id: 'parcels',
        titleZh: '地块',
        titleEn: 'Land parcels',
        geometry: 'MultiPolygon',
        editable: true,
        properties: [{ name: 'land_use_code', titleZh: '地类编码', titleEn: 'Land-use code', type: 'Text', required: true, values: { '0101': ['水田', 'Paddy field'] }, valuesOpen: true }],
      },
    ],
    livingNeeds: { park: ['公园', 'Park'] },
    complianceVerdicts: { conflicting: ['存在冲突', 'Conflicts found'] },
    complianceSeverities: { warning: ['警示', 'Warning'] },
    tiledLayers: [],
    signIn: { identityProvider: false },
  }),
);

afterEach(() => setLang('zh'));

describe('codeNames', () => {
  it('names a code in the UI language', () => {
    expect(nameOf(codesOf('zones', 'kind'), 'resettlement')).toBe('农民搬迁安置区');
    setLang('en');
    expect(nameOf(codesOf('zones', 'kind'), 'resettlement')).toBe('Resettlement area');
  });

  it('keeps the catalog order of the codes', () => {
    expect(Object.keys(codesOf('zones', 'kind'))).toEqual(['resettlement', 'key_town']);
  });

  it('shows an unknown code as itself (new official data)', () => {
    expect(nameOf(codesOf('zones', 'kind'), 'airport')).toBe('airport');
    expect(codesOf('zones', 'name')).toEqual({});
  });

  it('treats only closed lists as coded', () => {
    expect(isCoded('zones', 'kind')).toBe(true);
    expect(isCoded('parcels', 'land_use_code')).toBe(false);
    expect(isCoded('zones', 'name')).toBe(false);
  });

  it('hands out the living-circle needs', () => {
    expect(livingNeeds()).toEqual({ park: ['公园', 'Park'] });
  });

  it('names the compliance verdict the service writes in Chinese and the severity by its code', async () => {
    const { nameOfChinese } = await import('../src/codeNames');
    setLang('en');
    expect(nameOfChinese(complianceVerdicts(), '存在冲突')).toBe('Conflicts found');
    expect(nameOf(complianceSeverities(), 'warning')).toBe('Warning');
  });
});

describe('nameOfChinese', () => {
  it('names a value the service wrote in Chinese in the UI language', async () => {
    const { nameOfChinese } = await import('../src/codeNames');
    expect(nameOfChinese(codesOf('zones', 'kind'), '重点集镇')).toBe('重点集镇');
    setLang('en');
    expect(nameOfChinese(codesOf('zones', 'kind'), '重点集镇')).toBe('Key town');
    expect(nameOfChinese(codesOf('zones', 'kind'), '机场')).toBe('机场');
  });
});
