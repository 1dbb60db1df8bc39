import type OlMap from 'ol/Map';
import { toLonLat, fromLonLat } from 'ol/proj';
import type { Lang } from './i18n';
import type { DataLayer } from './layers/dataLayers';
import type { Selected } from './selection';

/** What the URL carries: centre (lon, lat), zoom, visible layers, the selected feature, the time-slider year, language. */
export interface ViewState {
  center?: [number, number];
  zoom?: number;
  layers?: string[];
  selected?: Selected;
  year?: number;
  lang?: Lang;
}

/** Reads the hash: #c=108.41,31.17&z=11&l=district,zones,projects&s=projects:4&y=2024&lang=en */
export function readPermalink(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: ViewState = {};
  const center = params.get('c')?.split(',').map(Number);
  if (center?.length === 2 && center.every(Number.isFinite)) {
    state.center = [center[0], center[1]];
  }
  const zoom = Number(params.get('z'));
  if (params.has('z') && Number.isFinite(zoom)) {
    state.zoom = zoom;
  }
  if (params.has('l')) {
    state.layers = params.get('l')!.split(',').filter(Boolean);
  }
  const [layerId, featureId] = (params.get('s') ?? '').split(':');
  if (layerId && Number.isFinite(Number(featureId)) && featureId !== '') {
    state.selected = { layerId, featureId: Number(featureId) };
  }
  const year = Number(params.get('y'));
  if (params.has('y') && Number.isInteger(year)) {
    state.year = year;
  }
  const lang = params.get('lang');
  if (lang === 'en' || lang === 'zh') {
    state.lang = lang;
  }
  return state;
}

export function writePermalink(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.center) {
    params.set('c', state.center.map((v) => v.toFixed(5)).join(','));
  }
  if (state.zoom !== undefined) {
    params.set('z', state.zoom.toFixed(2));
  }
  if (state.layers) {
    params.set('l', state.layers.join(','));
  }
  if (state.selected) {
    params.set('s', `${state.selected.layerId}:${state.selected.featureId}`);
  }
  if (state.year !== undefined) {
    params.set('y', String(state.year));
  }
  if (state.lang && state.lang !== 'zh') {
    params.set('lang', state.lang);
  }
  // Keep commas and colons readable in the address bar.
  return `#${params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

export function applyView(map: OlMap, state: ViewState): void {
  if (state.center) {
    map.getView().setCenter(fromLonLat(state.center, map.getView().getProjection()));
  }
  if (state.zoom !== undefined) {
    map.getView().setZoom(state.zoom);
  }
}

export function applyLayers(layers: DataLayer[], state: ViewState): void {
  if (state.layers) {
    layers.forEach((l) => l.layer.setVisible(state.layers!.includes(l.definition.id)));
  }
}

export function currentView(map: OlMap, layers: DataLayer[]): Pick<ViewState, 'center' | 'zoom' | 'layers'> {
  const view = map.getView();
  const center = toLonLat(view.getCenter()!, view.getProjection()) as [number, number];
  return { center, zoom: view.getZoom(), layers: layers.filter((l) => l.layer.getVisible()).map((l) => l.definition.id) };
}
