import type OlMap from 'ol/Map';
import type { LineString, Polygon } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Fill, Stroke, Style } from 'ol/style';
import { formatArea, formatLength } from '../format';
import { t } from '../i18n';
import { MEASURE_PROJECTION, VIEW_PROJECTION } from '../projections';
import type { DrawTool } from '../tools/drawTool';

/** Length and area measured in EPSG:4545, the CRS the service and the data contract use for areas (once registered). */
function measure(geometry: LineString | Polygon): { length?: number; area?: number } {
  const planar = geometry.clone().transform(VIEW_PROJECTION, MEASURE_PROJECTION) as LineString | Polygon;
  return planar.getType() === 'Polygon' ? { area: (planar as Polygon).getArea() } : { length: (planar as LineString).getLength() };
}

/** Measure distance and area on the map; the result updates while drawing. */
export class MeasurePanel {
  private readonly source = new VectorSource();
  private readonly output: HTMLElement;
  /** EPSG:4545 with proj4, loaded on the first measurement rather than with the first render. */
  private projection?: Promise<unknown>;

  constructor(
    root: HTMLElement,
    map: OlMap,
    private readonly drawTool: DrawTool,
  ) {
    this.output = root.querySelector('.measure-result')!;
    map.addLayer(
      new VectorLayer({
        source: this.source,
        zIndex: 91,
        style: new Style({ stroke: new Stroke({ color: '#e8590c', width: 2.5 }), fill: new Fill({ color: 'rgba(232, 89, 12, 0.12)' }) }),
      }),
    );
    root.querySelector('button.measure-length')!.addEventListener('click', () => this.start('LineString'));
    root.querySelector('button.measure-area')!.addEventListener('click', () => this.start('Polygon'));
    root.querySelector('button.measure-clear')!.addEventListener('click', () => {
      this.drawTool.stop();
      this.source.clear();
      this.output.replaceChildren();
    });
  }

  private start(shape: 'LineString' | 'Polygon'): void {
    this.source.clear();
    // The hint over the map says how to draw; the result appears here as the line or area grows.
    this.output.replaceChildren();
    this.drawTool.start(
      shape,
      (event) => {
        this.source.addFeature(event.feature);
        this.show(event.feature.getGeometry() as LineString | Polygon);
      },
      (event) => event.feature.getGeometry()!.on('change', (change) => this.show(change.target as LineString | Polygon)),
    );
  }

  private show(geometry: LineString | Polygon): void {
    this.projection ??= import('../measureProjection');
    void this.projection.then(() => {
      const { length, area } = measure(geometry);
      this.output.textContent = length !== undefined ? `${t('measureLength')}: ${formatLength(length)}` : `${t('measureArea')}: ${formatArea(area ?? 0)}`;
    });
  }
}
