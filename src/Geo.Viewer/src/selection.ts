import type Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import type { DataLayer } from './layers/dataLayers';
import { highlightColour } from './styles/palette';

export interface Selected {
  layerId: string;
  featureId: number;
}

const highlight = [
  new Style({
    stroke: new Stroke({ color: highlightColour, width: 5 }),
    fill: new Fill({ color: 'rgba(250, 176, 5, 0.25)' }),
    image: new Circle({ radius: 10, stroke: new Stroke({ color: highlightColour, width: 4 }) }),
    zIndex: 1,
  }),
];

/** The one selected feature (popup, table row, permalink), drawn in a highlight layer above everything. */
export class Selection {
  private readonly overlay = new VectorSource();
  private readonly listeners: Array<(selected: Selected | null) => void> = [];
  private current: Selected | null = null;

  constructor(
    private readonly map: OlMap,
    private readonly layers: DataLayer[],
  ) {
    map.addLayer(new VectorLayer({ source: this.overlay, style: highlight, zIndex: 100 }));
  }

  get selected(): Selected | null {
    return this.current;
  }

  feature(selected: Selected | null = this.current): Feature | undefined {
    if (!selected) {
      return undefined;
    }
    return this.layers.find((l) => l.definition.id === selected.layerId)?.source.getFeatureById(selected.featureId) ?? undefined;
  }

  select(selected: Selected | null, zoom = false): void {
    this.current = selected;
    this.overlay.clear();
    const feature = this.feature(selected);
    if (feature) {
      this.overlay.addFeature(feature.clone());
      if (zoom) {
        // No animation: the popup pans the map into view next, and an animation still running would cancel that.
        this.map.getView().fit(feature.getGeometry()!.getExtent(), { maxZoom: 15, padding: [80, 80, 80, 80] });
      }
    }
    this.listeners.forEach((listener) => listener(selected));
  }

  onChange(listener: (selected: Selected | null) => void): void {
    this.listeners.push(listener);
  }
}
