import type Feature from 'ol/Feature';
import type { Geometry } from 'geojson';
import type { Session } from '../api';
import { fetchHistory, fetchVersioned, restoreVersion, type FeatureVersion, type Versioned } from '../api/edits';
import { lang, t, type MessageKey } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import { geometryPreview } from './geometryPreview';

/** The stores' operation words; one the viewer does not know yet is shown as the server says it. */
const operations: Record<string, MessageKey> = {
  import: 'opImport',
  create: 'opCreate',
  replace: 'opReplace',
  update: 'opUpdate',
  patch: 'opUpdate',
  delete: 'opDelete',
  restore: 'opRestore',
};

export function formatTime(at: string): string {
  return new Date(at).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

/** "版本 3 · 修改 · 张三 · 2026/11/30 18:50:02": what, who and when. */
export function describeVersion(version: FeatureVersion): string {
  const operation = operations[version.operation];
  return [`${t('editVersion')} ${version.version}`, operation ? t(operation) : version.operation, version.user ?? '—', formatTime(version.at)].join(' · ');
}

/**
 * The history in an editable feature's popup: every version written through edits, newest first, with who, when,
 * what, and a small drawing of its geometry over the current one's outline. An admin can restore an earlier version
 * (the server makes it a new version, so nothing is lost either way).
 */
export class HistoryPanel {
  constructor(
    private readonly session: () => Session | null,
    private readonly onRestored: (dataLayer: DataLayer, restored: Versioned) => void,
  ) {}

  /** The popup's history section for a feature, or nothing for a layer that is not edited. */
  section(dataLayer: DataLayer, feature: Feature): HTMLElement[] {
    if (!dataLayer.info.editable) {
      return [];
    }
    const details = Object.assign(document.createElement('details'), { className: 'history' });
    details.append(Object.assign(document.createElement('summary'), { textContent: t('history') }));
    const body = Object.assign(document.createElement('div'), { className: 'history-body' });
    body.setAttribute('aria-live', 'polite');
    details.append(body);
    details.addEventListener('toggle', () => {
      if (details.open) {
        void this.load(dataLayer, Number(feature.getId()), body);
      }
    });
    return [details];
  }

  private async load(dataLayer: DataLayer, id: number, body: HTMLElement): Promise<void> {
    body.textContent = t('loading');
    const history = await fetchHistory(dataLayer.definition.id, id);
    if ('problem' in history) {
      body.replaceChildren(problemLine(history.problem.detail ?? `HTTP ${history.status}`));
      return;
    }
    if (history.versions.length === 0) {
      body.replaceChildren(Object.assign(document.createElement('p'), { className: 'note', textContent: t('historyNone') }));
      return;
    }
    const latest = history.versions[history.versions.length - 1];
    const list = Object.assign(document.createElement('ol'), { className: 'history-list', reversed: true });
    for (const version of [...history.versions].reverse()) {
      const item = document.createElement('li');
      item.dataset.version = String(version.version);
      item.dataset.operation = version.operation;
      const preview = geometryPreview([
        ...(version === latest ? [] : [{ geometry: geometryOf(latest), colour: '#ced4da' }]),
        { geometry: geometryOf(version), colour: '#1971c2' },
      ], 72, 54);
      const text = Object.assign(document.createElement('span'), { className: 'history-line', textContent: describeVersion(version) });
      if (version === latest) {
        text.append(` · ${t('historyCurrent')}`);
      }
      if (!version.feature) {
        text.append(` · ${t('historyDeleted')}`);
      }
      item.append(preview, text);
      if (this.session()?.role === 'admin' && version.feature && version !== latest) {
        item.append(this.restoreButton(dataLayer, id, version.version, body));
      }
      list.append(item);
    }
    body.replaceChildren(list);
    // The popup scrolls when the list makes it tall; the versions are what was asked for.
    list.scrollIntoView({ block: 'nearest' });
  }

  private restoreButton(dataLayer: DataLayer, id: number, version: number, body: HTMLElement): HTMLElement {
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'history-restore', textContent: t('historyRestore') });
    button.addEventListener('click', async () => {
      const session = this.session();
      if (!session) {
        return;
      }
      // The restore names the version it replaces, like any edit: the current one, read just now.
      const current = await fetchVersioned(dataLayer.definition.id, id);
      const restored = current.ok ? await restoreVersion(dataLayer.definition.id, id, version, current.etag, session) : current;
      if (!restored.ok) {
        body.prepend(problemLine(restored.problem.detail ?? restored.problem.title ?? `HTTP ${restored.status}`));
        return;
      }
      this.onRestored(dataLayer, restored);
      await this.load(dataLayer, id, body);
      body.prepend(Object.assign(document.createElement('p'), { className: 'history-restored', textContent: `${t('historyRestored')}: ${t('editVersion')} ${version}` }));
    });
    return button;
  }
}

/** A version's geometry as GeoJSON (the contract's schema types it loosely); null for a delete. */
function geometryOf(version: FeatureVersion): Geometry | null {
  return (version.feature?.geometry ?? null) as Geometry | null;
}

function problemLine(text: string): HTMLElement {
  const line = Object.assign(document.createElement('p'), { className: 'history-problem', textContent: text });
  line.setAttribute('role', 'alert');
  return line;
}
