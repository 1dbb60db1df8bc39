import { downloadBlob } from '../download';
import { lang, t, type MessageKey } from '../i18n';
import { analysisFetch } from '../analysis/request';
import { exportFileName, exportFormats, itemsExportUrl, TooManyIdsError, type ExportFormat, type ExportScope } from './exportFormats';

/**
 * An export menu: a list whose first entry names it; picking a format downloads, then the list returns to its name.
 * `formats` are the ones offered (all the server writes, unless a result has fewer); failures are written to `status`.
 */
export function exportMenu(
  label: MessageKey,
  className: string,
  formats: readonly ExportFormat[],
  download: (format: ExportFormat) => Promise<void>,
  status: () => HTMLElement,
): HTMLSelectElement {
  const select = document.createElement('select');
  select.className = `export-menu ${className}`;
  select.setAttribute('aria-label', t(label));
  select.append(Object.assign(document.createElement('option'), { value: '', textContent: `${t(label)}…` }));
  select.append(...formats.map((format) => Object.assign(document.createElement('option'), { value: format.id, textContent: lang() === 'zh' ? format.zh : format.en })));
  select.addEventListener('change', async () => {
    const format = formats.find((f) => f.id === select.value);
    select.value = '';
    if (!format) {
      return;
    }
    status().textContent = '';
    try {
      await download(format);
    } catch (error) {
      status().textContent = error instanceof TooManyIdsError ? t('exportTooManyIds') : `${t('exportFailed')}：${(error as Error).message}`;
    }
  });
  return select;
}

/** Downloads every row of an OGC items query (the export endpoint) in a format, named as the server names it; a refusal (problem+json) is thrown with its detail. */
export async function downloadItems(collection: string, format: ExportFormat, scope: ExportScope): Promise<void> {
  const response = await analysisFetch(itemsExportUrl(collection, format, scope));
  downloadBlob(exportFileName(response.headers.get('Content-Disposition'), `${collection}.${format.extension}`), await response.blob());
}

/** A menu over every format the OGC API writes, for the rows of a collection that `scope` names when picked. */
export function itemsExportMenu(label: MessageKey, className: string, collection: () => string, scope: () => ExportScope, status: () => HTMLElement): HTMLSelectElement {
  return exportMenu(label, className, exportFormats, (format) => downloadItems(collection(), format, scope()), status);
}
