import 'ol/ol.css';
import './viewer.css';
import './projections';
import { fetchConfig } from './api';
import { setCodeNames } from './codeNames';
import { lang, onLangChange, setLang, t } from './i18n';
import { createBaseMaps } from './layers/baseMaps';
import { createDataLayers, followZoom } from './layers/dataLayers';
import { createMap } from './map';
import { AttributeTable } from './panels/attributeTable';
import { ChartsPanel } from './panels/chartsPanel';
import { exportPng } from './panels/exportPng';
import { listenFlowHover } from './panels/flowHover';
import { IdentifyPopup } from './panels/identify';
import { showIllustrativeNotice } from './panels/illustrativeNotice';
import { LayerTree } from './panels/layerTree';
import { MeasurePanel } from './panels/measurePanel';
import { QueryPanel } from './panels/queryPanel';
import { SearchBox } from './panels/searchBox';
import { TimeSlider } from './panels/timeSlider';
import { applyLayers, applyView, currentView, readPermalink, writePermalink } from './permalink';
import { downloadBlob } from './download';
import { setReferenceSources } from './referenceNames';
import { Selection } from './selection';
import { SessionControl } from './session';
import { DrawTool } from './tools/drawTool';
import { EditMode, showStored } from './panels/editMode';
import { HistoryPanel } from './panels/historyPanel';
import { Toolbar } from './toolbar';
import { listenForFileDrops } from './files/dropTarget';

const byId = (id: string) => document.getElementById(id)!;

async function start(): Promise<void> {
  const initial = readPermalink(location.hash);
  setLang(initial.lang ?? 'zh');
  // The browser tests' and the benchmark's window on the map (src/testHooks.ts) is a chunk of its own, loaded only
  // when the address asks for it with ?testHooks: it is never part of the bundle staff load. Asked for now, beside the
  // configuration, so that the benchmark's first render does not wait for one more request after the layers' setup.
  const testHooks = new URLSearchParams(location.search).has('testHooks') ? import('./testHooks') : undefined;
  const config = await fetchConfig();
  setCodeNames(config);

  const map = createMap(byId('map'));
  const baseMaps = createBaseMaps(config);
  baseMaps.forEach((baseMap) => baseMap.layers.forEach((layer) => map.addLayer(layer)));
  const layers = createDataLayers(config);
  layers.forEach((l) => map.addLayer(l.layer));
  const layer = (id: string) => layers.find((l) => l.definition.id === id)!;
  setReferenceSources(new Map(layers.map((l) => [l.definition.id, l.source])));
  applyLayers(layers, initial);
  applyView(map, initial);
  followZoom(map, layers);
  showIllustrativeNotice(byId('illustrative-notice'), layers);

  const selection = new Selection(map, layers);
  const identify = new IdentifyPopup(map, layers, selection, byId('popup'));
  identify.listen();
  listenFlowHover(map, layer('relocation_flows'), byId('hover'));
  const drawTool = new DrawTool(map, identify, byId('draw-hint'));
  const tree = new LayerTree(byId('layer-tree'), map, layers, baseMaps);
  new SearchBox(byId('search'), map, layers, selection, tree);
  const table = new AttributeTable(byId('table-panel'), map, layers, selection);
  const query = new QueryPanel(byId('query-panel'), map, layers, selection, drawTool);
  new MeasurePanel(byId('measure-panel'), map, drawTool);
  const charts = new ChartsPanel(byId('charts-panel'), layer('projects'));
  const slider = new TimeSlider(byId('time-slider'), layer('projects'), selection);
  // The file panel's code (and the compliance renderer it shares) loads on the first drop or opening, like the charts.
  let files: Promise<import('./files/filePanel').FilePanel> | undefined;
  const openFiles = () =>
    (files ??= import('./files/filePanel').then(({ FilePanel }) => new FilePanel(byId('file-panel'), map, () => {
      if (byId('file-panel').hidden) {
        byId('open-file').click();
      }
    })));
  listenForFileDrops(map.getTargetElement(), (file) => void openFiles().then((panel) => panel.load(file)));
  // The living-circle panel's code loads on first opening, like Chart.js: the first render does not wait for it.
  let living: Promise<unknown> | undefined;
  const openLiving = () =>
    (living ??= Promise.all([layer('zones').loaded, layer('facilities').loaded]).then(() => import('./panels/livingCirclePanel')).then(({ LivingCirclePanel }) => new LivingCirclePanel(byId('living-panel'), map, layer('zones'), layer('facilities'))));
  new Toolbar({
    onLayout: () => map.updateSize(),
    onOpen: (panel) => {
      if (panel === 'table-panel') {
        table.render();
      } else if (panel === 'charts-panel') {
        void charts.render();
      } else if (panel === 'living-panel') {
        void openLiving();
      } else if (panel === 'file-panel') {
        void openFiles();
      }
    },
  });

  byId('lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  const session = new SessionControl(byId('account') as HTMLButtonElement, byId('sign-in') as HTMLDialogElement, config.signIn.identityProvider);
  const editMode = new EditMode(map, layers, identify, drawTool, byId('edit-panel'), byId('open-edit') as HTMLButtonElement);
  session.onChange((current) => editMode.setSession(current));
  const featureHistory = new HistoryPanel(() => session.current, showStored);
  identify.sections.push((dataLayer, feature) => featureHistory.section(dataLayer, feature));
  byId('export-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const width = Number(form.get('width'));
    const height = Number(form.get('height'));
    const blob = await exportPng(map, layers, { width, height, title: String(form.get('title')) });
    downloadBlob(`kaizhou-map-${width}x${height}.png`, blob);
  });

  const updateUrl = () =>
    history.replaceState(null, '', writePermalink({ ...currentView(map, layers), selected: selection.selected ?? undefined, year: slider.year ?? undefined, lang: lang() }));
  map.on('moveend', updateUrl);
  tree.onChange(updateUrl);
  selection.onChange(updateUrl);
  slider.onChange(updateUrl);
  slider.onChange(() => table.render());
  onLangChange(updateUrl);
  byId('permalink').addEventListener('click', async () => {
    updateUrl();
    // The clipboard needs a secure context (loopback or HTTPS); elsewhere the address bar already holds the link.
    const copied = await navigator.clipboard?.writeText(location.href).then(() => true, () => false);
    byId('status').textContent = copied ? t('permalinkCopied') : location.href;
  });

  if (testHooks) {
    const { installTestHooks } = await testHooks;
    installTestHooks(map, layers, query, identify);
  }
  tree.render();
  await Promise.all(layers.map((l) => l.loaded.catch((error: Error) => {
    byId('status').textContent = `${l.title()}: ${error.message}`;
  })));
  tree.render();
  table.render();
  query.fillChoices();
  if (initial.year !== undefined) {
    slider.setYear(initial.year);
  }
  if (initial.selected) {
    selection.select(initial.selected, initial.center === undefined);
  }
  // "Ready" for the benchmark and the tests: every layer's features are in and the map has drawn them.
  map.once('rendercomplete', () => Object.assign(window, { __viewerReady: performance.now() }));
  map.render();
}

// Without the configuration there is no map; say why instead of leaving a blank page.
start().catch((error: Error) => {
  byId('status').textContent = `${t('loadFailed')}: ${error.message}`;
});
