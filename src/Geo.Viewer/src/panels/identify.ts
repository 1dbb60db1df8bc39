import type Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import Overlay from 'ol/Overlay';
import { displayValue, popupFields, popupTitle } from '../fields';
import { t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';
import type { Selection } from '../selection';

/** Click a feature → a popup with the catalog's Chinese field names and staff-friendly values. */
export class IdentifyPopup {
  private readonly overlay: Overlay;
  private readonly content: HTMLElement;
  /** Whether clicks identify; tools that draw on the map switch it off while they work. */
  enabled = true;

  constructor(
    private readonly map: OlMap,
    private readonly layers: DataLayer[],
    private readonly selection: Selection,
    element: HTMLElement,
  ) {
    this.content = element.querySelector('.popup-content')!;
    this.overlay = new Overlay({ element, autoPan: { animation: { duration: 200 } }, positioning: 'bottom-center', offset: [0, -12] });
    map.addOverlay(this.overlay);
    element.querySelector('.popup-close')!.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.close();
      }
    });
    selection.onChange((selected) => {
      if (!selected) {
        this.overlay.setPosition(undefined);
      }
    });
  }

  listen(): void {
    this.map.on('singleclick', (event) => {
      if (!this.enabled) {
        return;
      }
      const hit = this.map.forEachFeatureAtPixel(
        event.pixel,
        (feature, layer) => {
          const dataLayer = this.layers.find((l) => l.layer === layer);
          return dataLayer ? { feature: feature as Feature, dataLayer } : undefined;
        },
        { hitTolerance: 4 },
      );
      if (hit) {
        this.show(hit.dataLayer, hit.feature, event.coordinate);
      } else {
        this.close();
      }
    });
  }

  show(dataLayer: DataLayer, feature: Feature, coordinate: number[]): void {
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
      row.insertCell().textContent = displayValue(collection, name, feature.get(name));
    }
    const notes: HTMLElement[] = [];
    const precision = feature.get('location_precision');
    if (precision === 'approximate' || precision === 'schematic') {
      const note = document.createElement('p');
      note.className = 'precision-note';
      note.textContent = t(precision === 'approximate' ? 'precisionApproximate' : 'precisionSchematic');
      notes.push(note);
    }
    this.content.replaceChildren(heading, ...notes, table);
    this.overlay.setPosition(coordinate);
    this.selection.select({ layerId: collection, featureId: Number(feature.getId()) });
  }

  close(): void {
    this.overlay.setPosition(undefined);
    if (this.selection.selected) {
      this.selection.select(null);
    }
  }
}
