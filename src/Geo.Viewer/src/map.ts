import OlMap from 'ol/Map';
import View from 'ol/View';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import { defaults as defaultInteractions } from 'ol/interaction/defaults';
import { transformExtent } from 'ol/proj';
import { onLangChange, t } from './i18n';
import { DATA_PROJECTION, VIEW_PROJECTION } from './projections';

/** The district's bounding box in CGCS2000, for the first view before the outline has loaded. */
export const districtExtent = transformExtent([107.93, 30.83, 108.9, 31.7], DATA_PROJECTION, VIEW_PROJECTION);

export function createMap(target: HTMLElement): OlMap {
  const map = new OlMap({
    target,
    // Arrow keys and +/- act when the map itself has keyboard focus (it has tabindex="0").
    keyboardEventTarget: target,
    // OpenLayers' own default (used when no interactions are passed) is onFocusOnly: true, and with a focusable target
    // that means wheel and drag do nothing until the map is clicked, and again after every toolbar or panel click.
    // A GIS zooms and pans under the cursor at once; only the keyboard waits for focus.
    interactions: defaultInteractions({ onFocusOnly: false }),
    // The attribution line starts open: the ODbL and the Amap-derived sources must be credited where they are seen.
    controls: defaultControls({ attributionOptions: { collapsible: true, collapsed: false } }).extend([new ScaleLine({ units: 'metric' })]),
    view: new View({ projection: VIEW_PROJECTION, maxZoom: 19, minZoom: 7 }),
    // Keeps exported PNGs and pixel reads possible (no tainting) and avoids a buffer swap per frame.
    pixelRatio: Math.min(window.devicePixelRatio || 1, 2),
  });
  map.getView().fit(districtExtent, { padding: [20, 20, 20, 20] });
  // OpenLayers labels its buttons in English once; they follow the UI language instead (放大/缩小).
  const label = (selector: string, text: string) =>
    target.querySelectorAll<HTMLElement>(selector).forEach((button) => {
      button.title = text;
      button.setAttribute('aria-label', text);
    });
  const labelControls = () => {
    label('.ol-zoom-in', t('zoomIn'));
    label('.ol-zoom-out', t('zoomOut'));
    label('.ol-attribution button', t('attributions'));
  };
  labelControls();
  onLangChange(labelControls);
  // The skip link moves keyboard focus to the map without touching the address (its hash is the permalink).
  document.getElementById('skip-to-map')?.addEventListener('click', (event) => {
    event.preventDefault();
    target.focus();
  });
  return map;
}
