import type { EditBody, FeatureVersion, Versioned } from '../api/edits';
import { displayValue, fieldTitle } from '../fields';
import { t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import { geometryPreview } from './geometryPreview';
import { describeVersion } from './historyPanel';

/** Mine and theirs in the previews: the same two colours as the columns' headings. */
export const mineColour = '#1971c2';
export const theirsColour = '#e8590c';

/**
 * What a 412 shows: your version beside the one stored meanwhile (who saved it and when, from the history), field by
 * field with the differences marked, and both shapes drawn in one frame; then the two ways on, each deliberate.
 */
export function conflictView(
  dataLayer: DataLayer,
  mine: EditBody,
  theirs: Versioned,
  by: FeatureVersion | undefined,
  actions: { reload: () => void; overwrite: () => void },
): HTMLElement {
  const collection = dataLayer.definition.id;
  const section = Object.assign(document.createElement('section'), { className: 'edit-conflict' });
  section.setAttribute('role', 'alert');
  const heading = Object.assign(document.createElement('h3'), { textContent: t('conflictHeading') });
  const who = Object.assign(document.createElement('p'), { className: 'conflict-by', textContent: by ? `${t('conflictBy')}: ${describeVersion(by)}` : '' });

  const table = Object.assign(document.createElement('table'), { className: 'conflict-table' });
  const head = table.createTHead().insertRow();
  for (const [text, colour] of [[t('conflictField'), ''], [t('conflictYours'), mineColour], [t('conflictTheirs'), theirsColour]]) {
    const th = Object.assign(document.createElement('th'), { textContent: text });
    th.style.color = colour;
    head.append(th);
  }
  const body = table.createTBody();
  const shapes = body.insertRow();
  shapes.dataset.field = 'geometry';
  shapes.insertCell().textContent = t('conflictGeometry');
  shapes.insertCell().append(geometryPreview([{ geometry: theirs.feature.geometry, colour: '#ced4da' }, { geometry: mine.geometry, colour: mineColour }]));
  shapes.insertCell().append(geometryPreview([{ geometry: mine.geometry, colour: '#ced4da' }, { geometry: theirs.feature.geometry, colour: theirsColour }]));
  shapes.classList.toggle('differs', JSON.stringify(mine.geometry) !== JSON.stringify(theirs.feature.geometry));
  for (const name of dataLayer.info.properties.map((p) => p.name)) {
    const row = body.insertRow();
    row.dataset.field = name;
    const mineValue = mine.properties[name] ?? null;
    const theirValue = theirs.feature.properties?.[name] ?? null;
    row.insertCell().textContent = fieldTitle(dataLayer.info, name);
    Object.assign(row.insertCell(), { className: 'conflict-mine', textContent: displayValue(collection, name, mineValue) });
    Object.assign(row.insertCell(), { className: 'conflict-theirs', textContent: displayValue(collection, name, theirValue) });
    row.classList.toggle('differs', mineValue !== theirValue);
  }

  const buttons = Object.assign(document.createElement('div'), { className: 'button-row' });
  const reload = Object.assign(document.createElement('button'), { type: 'button', className: 'conflict-reload', textContent: t('conflictReload') });
  const overwrite = Object.assign(document.createElement('button'), { type: 'button', className: 'conflict-overwrite', textContent: t('conflictOverwrite') });
  reload.addEventListener('click', actions.reload);
  overwrite.addEventListener('click', actions.overwrite);
  buttons.append(reload, overwrite);
  section.append(heading, who, table, buttons);
  return section;
}
