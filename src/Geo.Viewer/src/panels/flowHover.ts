import type OlMap from 'ol/Map';
import Overlay from 'ol/Overlay';
import { formatNumber } from '../format';
import { t } from '../i18n';
import type { DataLayer } from '../layers/dataLayers';

/** Hovering a relocation flow shows the totals moving into its destination zone, over all flows. */
export function listenFlowHover(map: OlMap, flows: DataLayer, element: HTMLElement): void {
  const overlay = new Overlay({ element, positioning: 'bottom-left', offset: [12, -12] });
  map.addOverlay(overlay);
  map.on('pointermove', (event) => {
    if (event.dragging || !flows.layer.getVisible()) {
      overlay.setPosition(undefined);
      return;
    }
    const flow = map.forEachFeatureAtPixel(event.pixel, (feature) => feature, { layerFilter: (layer) => layer === flows.layer, hitTolerance: 3 });
    if (!flow) {
      overlay.setPosition(undefined);
      return;
    }
    const destination = flow.get('destination_zone');
    const into = flows.source.getFeatures().filter((f) => f.get('destination_zone') === destination);
    const households = into.reduce((sum, f) => sum + (f.get('households') as number), 0);
    const persons = into.reduce((sum, f) => sum + (f.get('persons') as number), 0);
    element.textContent =
      `${flow.get('origin_name')} → ${flow.get('destination_name')}: ${formatNumber(flow.get('persons'))} ${t('persons')}\n` +
      `${t('flowTotals')} ${flow.get('destination_name')}: ${formatNumber(households)} ${t('households')}, ${formatNumber(persons)} ${t('persons')}`;
    overlay.setPosition(event.coordinate);
  });
}
