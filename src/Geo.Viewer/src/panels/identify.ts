import type Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import Overlay from 'ol/Overlay';
import { getCenter, type Extent } from 'ol/extent';
import { transform } from 'ol/proj';
import { displayValue, popupFields, popupTitle } from '../fields';
import { fetchItem, fetchItemsPage } from '../api';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import { lang, onLangChange, t } from '../i18n';
import { geoJson, membersOf, type DataLayer } from '../layers/dataLayers';
import type { Selection } from '../selection';
import type { ComplianceCheck } from './complianceCheck';

/** Layers whose features staff check against the 三线 and geohazard areas (合规性审查). */
const checkable = new Set(['projects', 'zones']);

/** One feature under a click, with the layer that drew it. */
interface Hit {
  dataLayer: DataLayer;
  feature: Feature;
}

/** One line naming a feature in the identify list: numbers where staff use them (项目序号, 地块编号), else the name. */
function featureLine(dataLayer: DataLayer, feature: Feature): string {
  const id = String(feature.getId());
  switch (dataLayer.definition.id) {
    case 'projects':
      return `${id} · ${feature.get('name')}`;
    case 'parcels':
      return `${id} · ${feature.get('land_use')}`;
    case 'relocation_flows':
      return `${feature.get('origin_name')} → ${feature.get('destination_name')}`;
    default:
      return String(feature.get('name') ?? id);
  }
}

/**
 * Click on the map → every feature under the click, listed by layer (top layer first) one line each, with the
 * detail of the top one below: the catalog's field names and staff-friendly values. Picking a line shows its detail.
 */
export class IdentifyPopup {
  private readonly overlay: Overlay;
  private readonly content: HTMLElement;
  /** The feature the popup is showing, so a selection it made itself does not redraw it. */
  private shown?: Feature;
  /** Everything under the last click, when there was more than one feature; empty for a selection made elsewhere. */
  private hits: Hit[] = [];
  /** Whether clicks identify; tools that draw on the map switch it off while they work. */
  enabled = true;
  /** More sections at the foot of a feature's popup (its edit history). */
  readonly sections: Array<(dataLayer: DataLayer, feature: Feature) => HTMLElement[]> = [];
  /** Loaded on the first compliance click: most sessions never ask, and the first render should not wait for it. */
  private compliance?: Promise<ComplianceCheck>;

  constructor(
    private readonly map: OlMap,
    private readonly layers: DataLayer[],
    private readonly selection: Selection,
    element: HTMLElement,
  ) {
    this.content = element.querySelector('.popup-content')!;
    this.overlay = new Overlay({ element, positioning: 'bottom-center', offset: [0, -12] });
    map.addOverlay(this.overlay);
    element.querySelector('.popup-close')!.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.close();
      }
    });
    onLangChange(() => {
      const dataLayer = layers.find((l) => l.definition.id === selection.selected?.layerId);
      const position = this.overlay.getPosition();
      if (this.shown && dataLayer && position) {
        this.render(dataLayer, this.shown, position, this.hits);
      }
    });
    // A selection made elsewhere (table row, query list, permalink; the keyboard's way in) opens the popup too.
    selection.onChange((selected) => {
      const feature = selection.feature(selected);
      const dataLayer = layers.find((l) => l.definition.id === selected?.layerId);
      if (!feature || !dataLayer) {
        this.shown = undefined;
        this.overlay.setPosition(undefined);
      } else if (feature !== this.shown) {
        this.hits = [];
        this.render(dataLayer, feature, getCenter(feature.getGeometry()!.getExtent()));
      }
    });
  }

  listen(): void {
    this.map.on('singleclick', async (event) => {
      if (!this.enabled) {
        return;
      }
      let hits: Hit[] = [];
      // Returning nothing keeps OpenLayers going through every feature under the pixel, top layer first.
      this.map.forEachFeatureAtPixel(
        event.pixel,
        (feature, layer) => {
          const dataLayer = this.layers.find((l) => l.layer === layer);
          // A cluster stands for its members: each is listed like any other feature under the click.
          for (const member of dataLayer ? membersOf(feature) : []) {
            if (!hits.some((h) => h.feature === member)) {
              hits.push({ feature: member, dataLayer: dataLayer! });
            }
          }
        },
        { hitTolerance: 4 },
      );
      // A generalised shape (a low-zoom tile's cell, a zoom-12 tile's class merged into one shape) stands for many
      // parcels and has no id: the server is asked for the parcel under the click instead.
      const generalised = (hit: Hit) => hit.feature.get('generalised') === true;
      // Neighbouring tiles' shapes under one click ask once per layer.
      hits = hits.filter((hit, index) => !generalised(hit) || hits.findIndex((other) => other.dataLayer === hit.dataLayer && generalised(other)) === index);
      const found = await Promise.all(
        hits.map((hit) => (generalised(hit) ? itemAt(hit.dataLayer, event.coordinate) : hit.dataLayer.tiled ? itemOf(hit) : hit)),
      );
      hits = found.filter((hit) => hit !== undefined);
      // A feature cut by a tile edge is in both tiles: listed once.
      hits = hits.filter((hit, index) => hits.findIndex((other) => other.dataLayer === hit.dataLayer && other.feature.getId() === hit.feature.getId()) === index);
      if (hits.length > 0) {
        this.hits = hits.length > 1 ? hits : [];
        this.show(hits[0].dataLayer, hits[0].feature, event.coordinate);
      } else {
        this.close();
      }
    });
  }

  show(dataLayer: DataLayer, feature: Feature, coordinate: number[]): void {
    this.render(dataLayer, feature, coordinate, this.hits);
    this.selection.select({ layerId: dataLayer.definition.id, featureId: Number(feature.getId()) });
  }

  private render(dataLayer: DataLayer, feature: Feature, coordinate: number[], hits: Hit[] = []): void {
    this.shown = feature;
    const collection = dataLayer.definition.id;
    const heading = document.createElement('h3');
    heading.textContent = `${dataLayer.title()} · ${feature.get('name') ?? feature.get('origin_name') ?? feature.getId()}`;
    const table = document.createElement('table');
    for (const name of popupFields(dataLayer.info)) {
      const row = table.insertRow();
      row.dataset.field = name;
      const th = document.createElement('th');
      th.textContent = popupTitle(dataLayer.info, name);
      row.append(th);
      const cell = row.insertCell();
      if (name === 'source' && feature.get(name)) {
        cell.append(provenance(String(feature.get(name))));
      } else {
        cell.textContent = displayValue(collection, name, feature.get(name));
      }
    }
    const notes: HTMLElement[] = [];
    const precision = feature.get('location_precision');
    if (precision === 'approximate' || precision === 'schematic') {
      const note = document.createElement('p');
      note.className = 'precision-note';
      note.textContent = t(precision === 'approximate' ? 'precisionApproximate' : 'precisionSchematic');
      notes.push(note);
    }
    this.content.replaceChildren(
      ...(hits.length > 0 ? [this.hitList(hits, feature, coordinate)] : []),
      heading,
      ...notes,
      table,
      ...(checkable.has(collection) ? this.complianceButton(collection, Number(feature.getId())) : []),
      ...this.sections.flatMap((section) => section(dataLayer, feature)),
    );
    this.content.closest('[role="dialog"]')?.setAttribute('aria-label', heading.textContent);
    this.overlay.setPositioning('bottom-center');
    this.overlay.setOffset([0, -12]);
    this.overlay.setPosition(coordinate);
    // Pan once the map has drawn the new view: before that, the popup's screen position is the old view's.
    this.map.once('postrender', () => this.overlay.panIntoView({ animation: { duration: 200 }, margin: 12 }));
  }

  /** The features under the click, grouped by layer, one button each; the one shown is marked current. */
  private hitList(hits: Hit[], shown: Feature, coordinate: number[]): HTMLElement {
    const nav = document.createElement('nav');
    nav.className = 'identify-list';
    nav.setAttribute('aria-label', t('identifyList'));
    const count = Object.assign(document.createElement('p'), { className: 'identify-count', textContent: `${t('identifyHere')}: ${hits.length}` });
    nav.append(count);
    for (const dataLayer of [...new Set(hits.map((h) => h.dataLayer))]) {
      const group = hits.filter((h) => h.dataLayer === dataLayer);
      const title = Object.assign(document.createElement('h4'), { textContent: `${dataLayer.title()} (${group.length})` });
      const list = document.createElement('ul');
      list.dataset.layer = dataLayer.definition.id;
      for (const hit of group) {
        const button = Object.assign(document.createElement('button'), { type: 'button', textContent: featureLine(dataLayer, hit.feature) });
        button.dataset.layer = dataLayer.definition.id;
        button.dataset.id = String(hit.feature.getId());
        if (hit.feature === shown) {
          button.setAttribute('aria-current', 'true');
        }
        button.addEventListener('click', () => {
          this.show(hit.dataLayer, hit.feature, coordinate);
          this.content.querySelector<HTMLElement>(`.identify-list button[data-layer="${dataLayer.definition.id}"][data-id="${button.dataset.id}"]`)?.focus();
        });
        const item = document.createElement('li');
        item.append(button);
        list.append(item);
      }
      nav.append(title, list);
    }
    return nav;
  }

  private complianceButton(collection: string, id: number): HTMLElement[] {
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'compliance-run', textContent: t('compliance') });
    const output = Object.assign(document.createElement('div'), { className: 'compliance-result' });
    output.setAttribute('aria-live', 'polite');
    button.addEventListener('click', async () => {
      this.compliance ??= import('./complianceCheck').then(({ ComplianceCheck }) => new ComplianceCheck(this.map, (extent) => this.frameBeside(extent)));
      await (await this.compliance).run(collection, id, output);
      // The popup scrolls when the findings make it tall; the verdict is what was asked for.
      output.scrollIntoView({ block: 'nearest' });
    });
    return [button, output];
  }

  /**
   * Frames an analysis result on the map (the compliance conflicts) in the part the popup leaves free, and moves the
   * popup to the result's right: neither covers the other.
   */
  private frameBeside(extent: Extent): void {
    const width = this.map.getSize()![0];
    // The popup's widest (its CSS max-width), not its width now: the result it is about to show may widen it.
    const popupWidth = parseFloat(getComputedStyle(this.overlay.getElement()!).maxWidth) || this.overlay.getElement()!.offsetWidth;
    const side = Math.min(popupWidth + 40, width / 2);
    this.map.getView().fit(extent, { padding: [40, side, 40, 40], maxZoom: 17 });
    this.overlay.setPositioning('center-left');
    this.overlay.setOffset([16, 0]);
    this.overlay.setPosition([extent[2], (extent[1] + extent[3]) / 2]);
  }

  /** How many conflicting parts the last compliance check put on the map (for the tests). */
  async complianceHighlights(): Promise<number> {
    return this.compliance ? (await this.compliance).highlighted() : 0;
  }

  close(): void {
    void this.compliance?.then((check) => check.clear());
    this.shown = undefined;
    this.hits = [];
    this.overlay.setPosition(undefined);
    if (this.selection.selected) {
      this.selection.select(null);
    }
  }
}

/**
 * The data's provenance notes are written in English (gis-data/README.md). The Chinese UI folds one away under a
 * Chinese summary instead of printing English into a Chinese popup; either way it is marked as English text.
 */
function provenance(text: string): HTMLElement {
  const note = Object.assign(document.createElement('span'), { lang: 'en', textContent: text, className: 'provenance' });
  if (lang() === 'en') {
    return note;
  }
  const details = document.createElement('details');
  details.append(Object.assign(document.createElement('summary'), { textContent: t('provenanceInEnglish') }), note);
  return details;
}

/**
 * A tile carries only the styling properties: the full feature is read by id and kept in the layer's (otherwise empty,
 * undrawn) source, where the selection, the popup and the highlight find it as on a GeoJSON layer.
 */
/**
 * The layer's feature containing the click, asked of the server (items in a box of ~10 cm round it, then the one whose
 * geometry holds the point), for a tile shape that stands for many features; none where the click is on no feature.
 */
async function itemAt(dataLayer: DataLayer, coordinate: number[]): Promise<Hit | undefined> {
  const [lon, lat] = transform(coordinate, VIEW_PROJECTION, DATA_PROJECTION);
  const d = 1e-6;
  const bbox = [lon - d, lat - d, lon + d, lat + d].join(',');
  const page = await fetchItemsPage(`/ogcapi/collections/${dataLayer.definition.id}/items?bbox=${bbox}&limit=100`);
  const features = geoJson.readFeatures({ type: 'FeatureCollection', features: page.features }) as Feature[];
  const feature = features.find((f) => f.getGeometry()?.intersectsCoordinate(coordinate));
  if (!feature) {
    return undefined;
  }
  const known = dataLayer.source.getFeatureById(feature.getId()!) as Feature | null;
  if (!known) {
    dataLayer.source.addFeature(feature);
  }
  return { feature: known ?? feature, dataLayer };
}

async function itemOf(hit: Hit): Promise<Hit> {
  const id = Number(hit.feature.getId() ?? hit.feature.get('id'));
  const source = hit.dataLayer.source;
  const known = source.getFeatureById(id);
  if (known) {
    return { feature: known as Feature, dataLayer: hit.dataLayer };
  }
  const feature = geoJson.readFeature(await fetchItem(hit.dataLayer.definition.id, id)) as Feature;
  source.addFeature(feature);
  return { feature, dataLayer: hit.dataLayer };
}
