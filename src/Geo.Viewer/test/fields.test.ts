import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionInfo } from '../src/api';
import { fieldTitle, popupTitle } from '../src/fields';
import { setLang } from '../src/i18n';

const projects: CollectionInfo = {
  id: 'projects',
  titleZh: '重大项目',
  titleEn: 'Major projects',
  geometry: 'PointOrPolygon',
  editable: true,
  properties: [
    { name: 'name', titleZh: '项目名称', titleEn: 'Name', type: 'Text', required: true },
    { name: 'investment_wan', titleZh: '计划总投资（万元）', titleEn: 'Planned investment (×10⁴ yuan)', type: 'Number', required: true },
  ],
};

afterEach(() => setLang('zh'));

describe('field titles', () => {
  it('come from the catalog in the UI language', () => {
    expect(fieldTitle(projects, 'name')).toBe('项目名称');
    setLang('en');
    expect(fieldTitle(projects, 'name')).toBe('Name');
    expect(fieldTitle(projects, 'id')).toBe('No.');
  });

  it('keep the property name when the catalog does not list it', () => {
    expect(fieldTitle(projects, 'extra_column')).toBe('extra_column');
  });

  it('drop the unit in a popup, where the value carries it', () => {
    expect(popupTitle(projects, 'investment_wan')).toBe('计划总投资');
    setLang('en');
    expect(popupTitle(projects, 'investment_wan')).toBe('Planned investment');
    expect(fieldTitle(projects, 'investment_wan')).toBe('Planned investment (×10⁴ yuan)');
  });
});
