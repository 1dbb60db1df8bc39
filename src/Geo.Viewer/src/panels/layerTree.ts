import type OlMap from 'ol/Map';
import { onLangChange, pick, t } from '../i18n';
import type { BaseMap } from '../layers/baseMaps';
import type { DataLayer } from '../layers/dataLayers';
import { legendSampleCanvas } from '../layers/legendCanvas';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

/**
 * Layer tree and legend in one list: toggle, opacity, reorder, zoom to layer, and under each layer its legend drawn
 * with the layer's own style. Layers standing in for official data carry a 示意 badge.
 */
export class LayerTree {
  /** Top of the map first, as in QGIS. */
  private readonly order: DataLayer[];
  private readonly listeners: Array<() => void> = [];
  /** Each layer's legend samples, drawn once: the tree is rebuilt on every change, and the samples never change. */
  private readonly samples = new Map<string, HTMLCanvasElement[]>();

  constructor(
    private readonly root: HTMLElement,
    private readonly map: OlMap,
    layers: DataLayer[],
    private readonly baseMaps: BaseMap[],
  ) {
    this.order = [...layers].reverse();
    onLangChange(() => this.render());
  }

  /** Called when visibility or order changes (the permalink listens). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Makes a layer visible (a search hit in a hidden layer must be seen). */
  show(layerId: string): void {
    const dataLayer = this.order.find((l) => l.definition.id === layerId);
    if (dataLayer && !dataLayer.layer.getVisible()) {
      dataLayer.layer.setVisible(true);
      this.render();
      this.changed();
    }
  }

  render(): void {
    const list = element('ul', { className: 'layer-tree' });
    this.order.forEach((dataLayer, index) => list.append(this.layerItem(dataLayer, index)));
    const children: Node[] = [list];
    if (this.baseMaps.length > 0) {
      children.push(this.baseMapChooser());
    }
    this.root.replaceChildren(...children);
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }

  private layerItem(dataLayer: DataLayer, index: number): HTMLElement {
    const { layer, definition } = dataLayer;
    const checkbox = element('input', { type: 'checkbox', checked: layer.getVisible(), id: `layer-${definition.id}` });
    checkbox.dataset.layer = definition.id;
    checkbox.addEventListener('change', () => {
      layer.setVisible(checkbox.checked);
      this.changed();
    });
    const label = element('label', { htmlFor: checkbox.id }, dataLayer.title());
    if (dataLayer.illustrative) {
      label.append(' ', element('span', { className: 'badge-illustrative', title: t('illustrativeNote') }, t('illustrative')));
    }
    const opacity = element('input', { type: 'range', min: '0', max: '1', step: '0.05', value: String(layer.getOpacity()), title: t('opacity'), className: 'opacity' });
    opacity.setAttribute('aria-label', `${t('opacity')} ${dataLayer.title()}`);
    opacity.addEventListener('input', () => layer.setOpacity(Number(opacity.value)));
    const button = (text: string, title: string, action: () => void, disabled = false) => {
      const b = element('button', { type: 'button', textContent: text, title, disabled, className: 'icon' });
      b.setAttribute('aria-label', `${title} ${dataLayer.title()}`);
      b.addEventListener('click', action);
      return b;
    };
    const tools = element(
      'span',
      { className: 'layer-tools' },
      button('◎', t('zoomToLayer'), () => this.zoomTo(dataLayer)),
      button('↑', t('moveUp'), () => this.move(index, -1), index === 0),
      button('↓', t('moveDown'), () => this.move(index, 1), index === this.order.length - 1),
    );
    const legend = element('ul', { className: 'legend' });
    const items = definition.legend();
    let samples = this.samples.get(definition.id);
    if (!samples) {
      samples = items.map((item) => legendSampleCanvas(definition, item));
      this.samples.set(definition.id, samples);
    }
    items.forEach((item, i) => legend.append(element('li', {}, samples[i], element('span', {}, item.label()))));
    const item = element('li', { className: 'layer' }, element('div', { className: 'layer-row' }, checkbox, label, tools), opacity, legend);
    item.dataset.layer = definition.id;
    return item;
  }

  private zoomTo(dataLayer: DataLayer): void {
    const extent = dataLayer.source.getExtent();
    if (extent && Number.isFinite(extent[0])) {
      this.map.getView().fit(extent, { padding: [40, 40, 40, 40], maxZoom: 15, duration: 250 });
    }
  }

  private move(index: number, delta: number): void {
    const [moved] = this.order.splice(index, 1);
    this.order.splice(index + delta, 0, moved);
    this.order.forEach((dataLayer, i) => dataLayer.layer.setZIndex(this.order.length - i));
    this.render();
    this.root.querySelector<HTMLElement>(`li[data-layer="${moved.definition.id}"] button[aria-label^="${delta < 0 ? t('moveUp') : t('moveDown')}"]`)?.focus();
    this.changed();
  }

  private baseMapChooser(): HTMLElement {
    const fieldset = element('fieldset', { className: 'base-maps' }, element('legend', {}, t('baseMaps')));
    const options = [{ id: '', titleZh: '无（离线）', titleEn: 'None (offline)', layers: [] as BaseMap['layers'] }, ...this.baseMaps];
    for (const option of options) {
      const radio = element('input', { type: 'radio', name: 'base-map', value: option.id, checked: option.layers.length ? option.layers[0].getVisible() : !this.baseMaps.some((b) => b.layers[0].getVisible()) });
      radio.addEventListener('change', () => this.baseMaps.forEach((b) => b.layers.forEach((l) => l.setVisible(b.id === option.id))));
      fieldset.append(element('label', {}, radio, ' ', pick(option.titleZh, option.titleEn)));
    }
    return fieldset;
  }
}
