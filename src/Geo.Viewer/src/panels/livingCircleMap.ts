import Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import { Point } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import type { LivingCircleResult } from '../api/types';
import { reachOf } from '../analysis/reach';
import type { DataLayer } from '../layers/dataLayers';

const reachColour = '#0b7285';
const coveredColour = '#2b8a3e';
const gapColour = '#c92a2a';

function style(feature: FeatureLike): Style {
  switch (feature.get('role') as 'reach' | 'area' | 'covered' | 'gaps') {
    case 'reach':
      return new Style({ stroke: new Stroke({ color: reachColour, width: 3, lineDash: [10, 6] }), fill: new Fill({ color: 'rgba(11, 114, 133, 0.08)' }) });
    case 'area':
      return new Style({ stroke: new Stroke({ color: gapColour, width: 3 }) });
    case 'covered':
      return new Style({ image: new Circle({ radius: 9, fill: new Fill({ color: 'rgba(43, 138, 62, 0.35)' }), stroke: new Stroke({ color: coveredColour, width: 3 }) }) });
    case 'gaps':
      return new Style({
        text: new Text({
          text: feature.get('text') as string, font: 'bold 13px sans-serif', fill: new Fill({ color: gapColour }),
          stroke: new Stroke({ color: '#fff', width: 4 }), offsetY: -14,
        }),
      });
  }
}

/**
 * The living circle drawn on the map: the reach (everything within the chosen distance of the area's outline, measured
 * in EPSG:4545 as the service does), the area, the facilities inside the reach, and the gaps written above the reach;
 * the view is framed on the reach. The layer's `overlay` property lets the browser tests read what was drawn.
 */
export class LivingCircleMap {
  private readonly source = new VectorSource();

  constructor(
    private readonly map: OlMap,
    private readonly zones: DataLayer,
    private readonly facilities: DataLayer,
  ) {
    map.addLayer(new VectorLayer({ source: this.source, style, zIndex: 90, properties: { overlay: 'living-circle' } }));
  }

  show(result: LivingCircleResult, gapText: (needs: string[]) => string): void {
    this.source.clear();
    const area = result.areas[0];
    const outline = area && this.zones.source.getFeatureById(area.zoneId)?.getGeometry();
    if (!area || !outline) {
      return;
    }
    const reach = reachOf(outline, result.distanceMetres);
    const top = reach.getExtent();
    const covered = new Set(area.needs.flatMap((n) => n.facilities.map((f) => f.id)));
    const gaps = area.needs.filter((n) => !n.covered).map((n) => n.need);
    this.source.addFeatures([
      new Feature({ geometry: reach, role: 'reach', distance_m: result.distanceMetres }),
      new Feature({ geometry: outline.clone(), role: 'area' }),
      ...[...covered].flatMap((id) => {
        const geometry = this.facilities.source.getFeatureById(id)?.getGeometry();
        return geometry ? [new Feature({ geometry: geometry.clone(), role: 'covered', facility: id })] : [];
      }),
      ...(gaps.length ? [new Feature({ geometry: new Point([(top[0] + top[2]) / 2, top[3]]), role: 'gaps', needs: gaps, text: gapText(gaps) })] : []),
    ]);
    this.map.getView().fit(reach.getExtent(), { padding: [60, 60, 60, 60], maxZoom: 16 });
  }

  /** Rewords the gap label after a language change without redrawing or reframing. */
  relabel(gapText: (needs: string[]) => string): void {
    this.source.getFeatures().filter((f) => f.get('role') === 'gaps').forEach((f) => f.set('text', gapText(f.get('needs') as string[])));
  }

  clear(): void {
    this.source.clear();
  }
}
