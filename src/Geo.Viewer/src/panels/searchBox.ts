import type OlMap from 'ol/Map';
import { transformExtent } from 'ol/proj';
import { analysisFetch } from '../analysis/request';
import type { SearchAnswer, SearchHit } from '../api/types';
import { onLangChange, t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import type { Selection } from '../selection';
import type { LayerTree } from './layerTree';


/** Waits for a pause in typing before asking the server. */
const typingPauseMs = 150;

/**
 * The header's search box (ARIA combobox): suggestions from /api/search as you type; arrow keys move through them,
 * Enter or a click picks one (the first when none is highlighted), which shows its layer, zooms to the feature and
 * opens its popup.
 */
export class SearchBox {
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private hits: SearchHit[] = [];
  private active = -1;
  /** Whether the suggestion list is showing (it also shows "no match" and errors). */
  private open = false;
  private message = '';
  private timer?: number;
  private controller?: AbortController;
  /** Resolves when the suggestions for the latest text are shown (Enter waits for it). */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    root: HTMLElement,
    private readonly map: OlMap,
    private readonly layers: DataLayer[],
    private readonly selection: Selection,
    private readonly tree: LayerTree,
  ) {
    this.input = root.querySelector('input')!;
    this.list = root.querySelector('[role="listbox"]')!;
    this.input.addEventListener('input', () => this.scheduleSuggest());
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    onLangChange(() => this.render());
  }

  private scheduleSuggest(): void {
    clearTimeout(this.timer);
    this.pending = new Promise((resolve) => {
      this.timer = window.setTimeout(() => void this.suggest().finally(resolve), typingPauseMs);
    });
  }

  private async suggest(): Promise<void> {
    this.controller?.abort();
    const text = this.input.value.trim();
    if (!text) {
      this.close();
      return;
    }
    this.controller = new AbortController();
    const { signal } = this.controller;
    try {
      const response = await analysisFetch(`/api/search?${new URLSearchParams({ q: text.slice(0, 100), limit: '10' })}`, { signal });
      this.hits = ((await response.json()) as SearchAnswer).results;
      this.message = this.hits.length === 0 ? t('searchNone') : '';
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      this.hits = [];
      this.message = `${t('loadFailed')}: ${(error as Error).message}`;
    }
    this.active = -1;
    this.open = true;
    this.render();
  }

  private async onKey(event: KeyboardEvent): Promise<void> {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (this.hits.length > 0) {
          const step = event.key === 'ArrowDown' ? 1 : -1;
          this.active = (this.active + step + this.hits.length) % this.hits.length;
          this.render();
        }
        break;
      case 'Enter': {
        event.preventDefault();
        // Typed fast and pressed Enter: the suggestions for what is in the box now decide.
        await this.pending;
        const hit = this.hits[Math.max(this.active, 0)];
        if (hit) {
          this.pick(hit);
        }
        break;
      }
      case 'Escape':
        this.close();
        break;
      default:
        break;
    }
  }

  private pick(hit: SearchHit): void {
    this.close();
    const dataLayer = this.layers.find((l) => l.definition.id === hit.collection);
    if (!dataLayer) {
      return;
    }
    this.tree.show(hit.collection);
    if (dataLayer.source.getFeatureById(hit.id)) {
      // Zooms to the feature and opens its popup, as a table row or a permalink does.
      this.selection.select({ layerId: hit.collection, featureId: hit.id }, true);
    } else if (hit.bbox) {
      this.map.getView().fit(transformExtent(hit.bbox, DATA_PROJECTION, VIEW_PROJECTION), { maxZoom: 15, padding: [80, 80, 80, 80] });
    }
  }

  private close(): void {
    this.open = false;
    this.active = -1;
    this.render();
  }

  private render(): void {
    this.input.setAttribute('aria-expanded', String(this.open));
    this.list.hidden = !this.open;
    const items = this.hits.map((hit, index) => {
      const item = document.createElement('li');
      item.id = `search-option-${index}`;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', String(index === this.active));
      item.dataset.collection = hit.collection;
      item.dataset.id = String(hit.id);
      const layer = this.layers.find((l) => l.definition.id === hit.collection);
      const kind = Object.assign(document.createElement('span'), { className: 'search-kind', textContent: layer?.title() ?? hit.collection });
      // Numbers matter for projects (序号) and parcels; names for the rest.
      const numbered = hit.collection === 'projects' || hit.collection === 'parcels';
      item.append(kind, numbered ? `${hit.id} · ${hit.label}` : hit.label);
      // mousedown, not click: the input's blur would close the list first.
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.pick(hit);
      });
      return item;
    });
    if (items.length === 0 && this.message) {
      items.push(Object.assign(document.createElement('li'), { className: 'search-none', textContent: this.message }));
    }
    this.list.replaceChildren(...items);
    if (this.active >= 0) {
      this.input.setAttribute('aria-activedescendant', `search-option-${this.active}`);
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }
}
