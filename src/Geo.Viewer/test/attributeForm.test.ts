import { afterEach, describe, expect, it } from 'vitest';
import { AttributeForm, checkValues } from '../src/panels/attributeForm';
import { setLang } from '../src/i18n';
import { zones } from './zonesInfo';

const valid = { name: '汉丰湖', kind: 'resettlement', capacity_households: '1200', area: '12.5', due: '2026-02-28', illustrative: true };

afterEach(() => setLang('zh'));

describe('checkValues', () => {
  it('gives the properties typed as the server takes them, empty optional fields as null', () => {
    const { properties, problems } = checkValues(zones, { ...valid, area: '', due: ' ' });
    expect(problems).toEqual([]);
    expect(properties).toEqual({ name: '汉丰湖', kind: 'resettlement', capacity_households: 1200, area: null, due: null, illustrative: true });
  });

  it('names every field that the server would refuse, in the UI language', () => {
    const wrong = { name: ' ', kind: 'pilot', capacity_households: '12.5', area: '1,000', due: '2026-02-30', illustrative: false };
    expect(checkValues(zones, wrong).problems).toEqual([
      { name: 'name', message: '此项为必填' },
      { name: 'kind', message: '请从列表中选择' },
      { name: 'capacity_households', message: '请输入整数' },
      { name: 'area', message: '请输入数字' },
      { name: 'due', message: '请输入日期（年-月-日）' },
    ]);
    setLang('en');
    expect(checkValues(zones, { ...valid, capacity_households: 'many' }).problems).toEqual([{ name: 'capacity_households', message: 'Enter a whole number' }]);
  });

  it('takes negative and exponent numbers and refuses integers past 2^53', () => {
    expect(checkValues(zones, { ...valid, area: '-1.5e3' }).properties.area).toBe(-1500);
    expect(checkValues(zones, { ...valid, capacity_households: '9007199254740993' }).problems.map((p) => p.name)).toEqual(['capacity_households']);
  });
});

describe('AttributeForm', () => {
  it('builds drop-downs for closed code lists, marks required fields and reads back what was typed', () => {
    const form = new AttributeForm(zones);
    form.fill({ name: '汉丰湖', kind: 'key_town', capacity_households: 800, illustrative: true });
    const kind = form.element.querySelector<HTMLSelectElement>('select[name=kind]')!;
    expect([...kind.options].map((o) => o.textContent)).toEqual(['—', '农民搬迁安置区', '重点集镇']);
    expect(kind.value).toBe('key_town');
    expect(form.element.querySelector('[data-field=name] abbr.required')).not.toBeNull();
    expect(form.element.querySelector('[data-field=capacity_households] abbr.required')).toBeNull();
    form.element.querySelector<HTMLInputElement>('input[name=capacity_households]')!.value = '950';
    expect(form.read()).toMatchObject({ name: '汉丰湖', kind: 'key_town', capacity_households: '950', area: '', illustrative: true });
  });

  it('shows a problem beside its field and keeps the values through a language change', () => {
    const form = new AttributeForm(zones);
    form.fill({ name: '汉丰湖', kind: 'key_town' });
    form.element.querySelector<HTMLInputElement>('input[name=capacity_households]')!.value = 'x';
    form.showProblems(checkValues(zones, form.read()).problems);
    const input = form.element.querySelector<HTMLInputElement>('input[name=capacity_households]')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(form.element.querySelector(`#${input.getAttribute('aria-describedby')}`)!.textContent).toBe('请输入整数');
    setLang('en');
    form.render();
    expect(form.element.querySelector('[data-field=kind] span')!.textContent).toBe('Kind *');
    expect(form.element.querySelector<HTMLInputElement>('input[name=capacity_households]')!.value).toBe('x');
  });
});
