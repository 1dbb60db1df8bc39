import type { CollectionInfo } from '../api';
import { pick, t, type MessageKey } from '../i18n';

type Property = CollectionInfo['properties'][number];

/** What a form field holds: the text typed or picked, or a checkbox's state. */
export type RawValue = string | boolean;

export interface FieldProblem {
  name: string;
  message: string;
}

/** A closed code list is a drop-down; an open one (land-use codes) takes any code and suggests the named ones. */
const closedCodes = (property: Property) => property.values && !property.valuesOpen;

/**
 * The form's values as the edit endpoints take them, checked as the server will check them (the catalog's types,
 * allowed values and required fields), so a mistake is named beside its field before anything is sent. Empty
 * optional fields are sent as null.
 */
export function checkValues(info: CollectionInfo, raw: Record<string, RawValue>): { properties: Record<string, unknown>; problems: FieldProblem[] } {
  const properties: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const property of info.properties) {
    const { value, problem } = checkValue(property, raw[property.name]);
    properties[property.name] = value;
    if (problem) {
      problems.push({ name: property.name, message: t(problem) });
    }
  }
  return { properties, problems };
}

function checkValue(property: Property, raw: RawValue | undefined): { value: unknown; problem?: MessageKey } {
  if (property.type === 'Boolean') {
    return { value: raw === true };
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    return { value: null, problem: property.required ? 'fieldRequired' : undefined };
  }
  switch (property.type) {
    case 'Integer': {
      const value = Number(text);
      return /^-?\d+$/.test(text) && Number.isSafeInteger(value) ? { value } : { value: text, problem: 'fieldInteger' };
    }
    case 'Number': {
      const value = Number(text);
      return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) && Number.isFinite(value) ? { value } : { value: text, problem: 'fieldNumber' };
    }
    case 'Date':
      return validDate(text) ? { value: text } : { value: text, problem: 'fieldDate' };
    default:
      return closedCodes(property) && !(text in property.values!) ? { value: text, problem: 'fieldCode' } : { value: text };
  }
}

function validDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    return false;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text);
}

function option(text: string, value: string): HTMLOptionElement {
  return Object.assign(document.createElement('option'), { textContent: text, value });
}

/** A value as a form field shows it. */
function asRaw(property: Property, value: unknown): RawValue {
  if (property.type === 'Boolean') {
    return value === true;
  }
  return value === null || value === undefined ? '' : String(value);
}

/**
 * An attribute form built from the catalog (through /viewer/config): the catalog's Chinese field names (English under
 * the toggle), closed code lists as drop-downs with their names, required fields marked, numbers checked as numbers.
 */
export class AttributeForm {
  readonly element = document.createElement('div');
  private values: Record<string, RawValue> = {};
  private problems: FieldProblem[] = [];

  constructor(private readonly info: CollectionInfo) {
    this.element.className = 'attribute-form';
  }

  /** Fills the form with a feature's properties (or empties it for a new feature). */
  fill(properties: Record<string, unknown>): void {
    this.values = Object.fromEntries(this.info.properties.map((p) => [p.name, asRaw(p, properties[p.name])]));
    this.problems = [];
    this.render();
  }

  /** What the fields hold now. */
  read(): Record<string, RawValue> {
    for (const property of this.info.properties) {
      const control = this.element.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${property.name}"]`);
      if (control) {
        this.values[property.name] = control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value;
      }
    }
    return { ...this.values };
  }

  /** Marks fields with what is wrong with them (the form's own checks or the server's refusal). */
  showProblems(problems: FieldProblem[]): void {
    this.read();
    this.problems = problems;
    this.render();
    this.element.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** Draws the fields again in the current language, keeping what was typed. */
  render(): void {
    this.element.replaceChildren(...this.info.properties.map((property) => this.field(property)));
  }

  private field(property: Property): HTMLElement {
    const label = document.createElement('label');
    label.className = property.type === 'Boolean' ? 'edit-field edit-check' : 'stacked edit-field';
    label.dataset.field = property.name;
    const title = Object.assign(document.createElement('span'), { textContent: pick(property.titleZh, property.titleEn) });
    if (property.required && property.type !== 'Boolean') {
      title.append(Object.assign(document.createElement('abbr'), { className: 'required', title: t('editRequired'), textContent: ' *' }));
    }
    const control = this.control(property);
    control.name = property.name;
    control.id = `edit-field-${property.name}`;
    const problem = this.problems.find((p) => p.name === property.name);
    const parts: HTMLElement[] = property.type === 'Boolean' ? [control, title] : [title, control];
    if (problem) {
      control.setAttribute('aria-invalid', 'true');
      const message = Object.assign(document.createElement('span'), { className: 'field-error', id: `${control.id}-error`, textContent: problem.message });
      control.setAttribute('aria-describedby', message.id);
      parts.push(message);
    }
    if (property.values && property.valuesOpen) {
      const list = Object.assign(document.createElement('datalist'), { id: `edit-codes-${property.name}` });
      list.append(...Object.entries(property.values).map(([code, [zh, en]]) => option(pick(zh, en), code)));
      parts.push(list);
    }
    label.append(...parts);
    return label;
  }

  private control(property: Property): HTMLInputElement | HTMLSelectElement {
    const value = this.values[property.name];
    if (property.type === 'Boolean') {
      return Object.assign(document.createElement('input'), { type: 'checkbox', checked: value === true });
    }
    if (closedCodes(property)) {
      const select = document.createElement('select');
      select.append(option('—', ''), ...Object.entries(property.values!).map(([code, [zh, en]]) => option(pick(zh, en), code)));
      select.value = String(value);
      select.required = property.required;
      return select;
    }
    const input = Object.assign(document.createElement('input'), { value: String(value), required: property.required, maxLength: 4000 });
    if (property.type === 'Integer' || property.type === 'Number') {
      // Text with a numeric keyboard, not type=number: the browser would hand over '' for "12a" and hide the mistake.
      input.inputMode = property.type === 'Integer' ? 'numeric' : 'decimal';
    } else if (property.type === 'Date') {
      input.type = 'date';
    } else if (property.values) {
      input.setAttribute('list', `edit-codes-${property.name}`);
    }
    return input;
  }
}
