import type Feature from 'ol/Feature';
import type OlMap from 'ol/Map';
import type { Type } from 'ol/geom/Geometry';
import type Geometry from 'ol/geom/Geometry';
import { LineString, MultiLineString, MultiPoint, MultiPolygon, Polygon } from 'ol/geom';
import Draw from 'ol/interaction/Draw';
import type Interaction from 'ol/interaction/Interaction';
import Modify from 'ol/interaction/Modify';
import Snap from 'ol/interaction/Snap';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import type { Session } from '../api';
import { createFeature, fetchHistory, fetchVersioned, replaceFeature, type EditAnswer, type EditBody, type EditProblem, type Versioned } from '../api/edits';
import { onLangChange, pick, t, type MessageKey } from '../i18n';
import { geoJson, membersOf, type DataLayer } from '../layers/dataLayers';
import type { DrawTool } from '../tools/drawTool';
import { AttributeForm, checkValues } from './attributeForm';
import { conflictView } from './conflictView';
import type { IdentifyPopup } from './identify';
import './editing.css';

const editColour = '#0b7285';

/** Every vertex of a line or polygon, drawn as a handle so staff see what they can drag. */
function vertices(geometry: Geometry | undefined): MultiPoint | undefined {
  if (geometry instanceof Polygon || geometry instanceof MultiPolygon || geometry instanceof LineString || geometry instanceof MultiLineString) {
    return new MultiPoint(geometry.getFlatCoordinates(), geometry.getLayout());
  }
  return undefined;
}

const editStyle = [
  new Style({
    stroke: new Stroke({ color: editColour, width: 3 }),
    fill: new Fill({ color: 'rgba(21, 170, 191, 0.2)' }),
    image: new Circle({ radius: 7, fill: new Fill({ color: editColour }), stroke: new Stroke({ color: '#fff', width: 2 }) }),
  }),
  new Style({
    image: new Circle({ radius: 4, fill: new Fill({ color: '#fff' }), stroke: new Stroke({ color: editColour, width: 2 }) }),
    geometry: (feature) => vertices(feature.getGeometry() as Geometry | undefined),
  }),
];

/** How a new feature of each catalog geometry kind is drawn; PointOrPolygon (projects) lets staff choose. */
const drawTypes: Record<string, Type[]> = {
  Point: ['Point'],
  LineString: ['LineString'],
  MultiPolygon: ['Polygon'],
  PointOrPolygon: ['Point', 'Polygon'],
};
const drawHints: Partial<Record<Type, MessageKey>> = { Point: 'editDrawPoint', Polygon: 'editDrawPolygon', LineString: 'editDrawLine' };
const shapeNames: Partial<Record<Type, MessageKey>> = { Point: 'editShapePoint', Polygon: 'editShapePolygon' };

/** The feature being edited: a copy on the edit layer, its form, and the version it started from. */
interface Editing {
  dataLayer: DataLayer;
  /** Absent for a new feature, which is POSTed. */
  id?: number;
  etag?: string;
  feature: Feature;
  /** The layer's own feature, hidden while its copy is edited. */
  original?: Feature;
  form: AttributeForm;
  body: HTMLElement;
}

const hiddenStyle = new Style();

/** Puts the version the server answered with (a save or a restore) into the layer, so the map shows what is stored. */
export function showStored(dataLayer: DataLayer, answer: Versioned): Feature {
  const fresh = geoJson.readFeature(answer.feature) as Feature;
  const stored = dataLayer.source.getFeatureById(fresh.getId()!) as Feature | null;
  if (stored) {
    stored.setProperties(fresh.getProperties());
    return stored;
  }
  dataLayer.source.addFeature(fresh);
  return fresh;
}

/**
 * The edit mode for editors and admins: pick an editable layer, click one of its features (or draw a new one, of the
 * catalog's geometry kind), drag its vertices (snapping to the features of the visible layers), change its
 * attributes in a form built from the catalog, and save with the ETag it was read at. A refusal shows the server's
 * problem+json beside the field it names; a 412 shows the other person's version beside yours.
 */
export class EditMode {
  private readonly source = new VectorSource();
  private readonly layerSelect: HTMLSelectElement;
  private readonly shapeSelect: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private readonly editable: DataLayer[];
  private interactions: Interaction[] = [];
  private draw?: Draw;
  private editing?: Editing;
  private session: Session | null = null;

  constructor(
    private readonly map: OlMap,
    private readonly layers: DataLayer[],
    private readonly identify: IdentifyPopup,
    private readonly drawTool: DrawTool,
    private readonly panel: HTMLElement,
    private readonly opener: HTMLButtonElement,
  ) {
    this.editable = layers.filter((l) => l.info.editable && !l.tiled);
    map.addLayer(new VectorLayer({ source: this.source, style: editStyle, zIndex: 200 }));
    this.layerSelect = panel.querySelector('.edit-layer')!;
    this.shapeSelect = panel.querySelector('.edit-shape')!;
    this.status = panel.querySelector('.edit-status')!;
    this.body = panel.querySelector('.edit-body')!;
    this.layerSelect.addEventListener('change', () => {
      this.finish();
      this.fillShapes();
    });
    panel.querySelector('.edit-draw')!.addEventListener('click', () => this.startDrawing());
    // 'click', not 'singleclick': picking needs no wait for a double click, and OpenLayers counts a click on the popup
    // just before as the first of a double click, which would swallow this one.
    map.on('click', (event) => {
      if (this.active && !this.draw) {
        void this.pick(event.pixel);
      }
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.draw) {
        this.stopDrawing();
        this.say('');
      }
    });
    // The toolbar opens and closes the panel; the edit mode follows: clicks edit while it is open, identify otherwise.
    new MutationObserver(() => (this.active ? this.activate() : this.deactivate())).observe(panel, { attributes: true, attributeFilter: ['hidden'] });
    onLangChange(() => {
      this.fillLayers();
      this.editing?.form.render();
    });
    this.fillLayers();
    this.setSession(null);
  }

  private get active(): boolean {
    return !this.panel.hidden;
  }

  private get layer(): DataLayer {
    return this.editable.find((l) => l.definition.id === this.layerSelect.value) ?? this.editable[0];
  }

  /** Shows the edit button to editors and admins only; signing out closes the edit mode. */
  setSession(session: Session | null): void {
    this.session = session;
    const allowed = session?.role === 'editor' || session?.role === 'admin';
    this.opener.hidden = !allowed;
    if (!allowed && this.active) {
      this.panel.querySelector<HTMLButtonElement>('.panel-close')!.click();
    }
  }

  private activate(): void {
    this.drawTool.stop();
    this.identify.close();
    this.identify.enabled = false;
  }

  private deactivate(): void {
    this.stopDrawing();
    this.finish();
    this.identify.enabled = true;
  }

  private fillLayers(): void {
    const chosen = this.layerSelect.value;
    this.layerSelect.replaceChildren(...this.editable.map((l) => new Option(l.title(), l.definition.id)));
    this.layerSelect.value = chosen || (this.editable.find((l) => l.definition.id === 'zones') ?? this.editable[0])?.definition.id || '';
    this.fillShapes();
  }

  private fillShapes(): void {
    const types = drawTypes[this.layer?.info.geometry ?? ''] ?? [];
    const chosen = this.shapeSelect.value;
    this.shapeSelect.replaceChildren(...types.map((type) => new Option(t(shapeNames[type] ?? 'editShapePolygon'), type)));
    this.shapeSelect.value = types.includes(chosen as Type) ? chosen : types[0] ?? '';
    this.shapeSelect.hidden = types.length < 2;
  }

  /** A click in edit mode picks a feature of the chosen layer and reads its current version. */
  private async pick(pixel: number[]): Promise<void> {
    const dataLayer = this.layer;
    const hits: Feature[] = [];
    this.map.forEachFeatureAtPixel(pixel, (feature) => void hits.push(...membersOf(feature)), { layerFilter: (l) => l === dataLayer.layer, hitTolerance: 4 });
    const id = hits[0]?.getId();
    if (id !== undefined) {
      await this.load(dataLayer, Number(id));
    }
  }

  private async load(dataLayer: DataLayer, id: number): Promise<void> {
    const answer = await fetchVersioned(dataLayer.definition.id, id);
    if (!answer.ok) {
      this.refused(answer);
      return;
    }
    this.begin(dataLayer, answer, id);
  }

  /** Puts a feature on the edit layer with its form and the vertex editing; `id` absent for a new one. */
  private begin(dataLayer: DataLayer, versioned: { feature: Feature } | Versioned, id?: number): void {
    this.finish();
    const feature = 'etag' in versioned ? (geoJson.readFeature(versioned.feature) as Feature) : versioned.feature;
    const original = id === undefined ? undefined : ((dataLayer.source.getFeatureById(id) as Feature | null) ?? undefined);
    original?.setStyle(hiddenStyle);
    if (!this.source.hasFeature(feature)) {
      this.source.addFeature(feature);
    }
    const form = new AttributeForm(dataLayer.info);
    form.fill('etag' in versioned ? (versioned.feature.properties ?? {}) : {});
    const body = document.createElement('div');
    this.editing = { dataLayer, id, etag: 'etag' in versioned ? versioned.etag : undefined, feature, original, form, body };
    this.renderBody();
    this.body.replaceChildren(body);
    this.startModifying();
    this.say('');
  }

  private renderBody(): void {
    const editing = this.editing!;
    const heading = document.createElement('h3');
    heading.className = 'edit-target';
    const name = editing.form.read().name;
    heading.textContent = editing.id === undefined
      ? `${editing.dataLayer.title()} · ${t('editNewFeature')}`
      : `${editing.dataLayer.title()} · ${name || editing.id} · ${pick('编号', 'No.')} ${editing.id} · ${t('editVersion')} ${versionOf(editing.etag)}`;
    const problem = Object.assign(document.createElement('p'), { className: 'edit-problem', hidden: true });
    problem.setAttribute('role', 'alert');
    const buttons = Object.assign(document.createElement('div'), { className: 'button-row' });
    const save = Object.assign(document.createElement('button'), { type: 'button', className: 'edit-save', textContent: t('editSave') });
    const discard = Object.assign(document.createElement('button'), { type: 'button', className: 'edit-discard', textContent: t('editDiscard') });
    save.addEventListener('click', () => void this.save());
    discard.addEventListener('click', () => this.finish());
    buttons.append(save, discard);
    editing.body.replaceChildren(heading, editing.form.element, problem, buttons, Object.assign(document.createElement('div'), { className: 'edit-conflict-slot' }));
  }

  /** Vertex dragging on the edited copy, snapping to it and to every feature of the layers now visible. */
  private startModifying(): void {
    this.removeInteractions();
    const snaps = this.snapSources().map((source) => new Snap({ source }));
    // Snap goes last: OpenLayers runs interactions last-added first, and the snap must move the pointer before Modify sees it.
    this.interactions = [new Modify({ source: this.source }), ...snaps];
    this.interactions.forEach((interaction) => this.map.addInteraction(interaction));
  }

  /** The edited copy and the features of every layer shown now (a tiled layer holds none to snap to). */
  private snapSources(): VectorSource[] {
    return [this.source, ...this.layers.filter((l) => l.layer.getVisible() && !l.tiled).map((l) => l.source)];
  }

  private startDrawing(): void {
    this.finish();
    const dataLayer = this.layer;
    const type = (this.shapeSelect.value || drawTypes[dataLayer.info.geometry]?.[0]) as Type | undefined;
    if (!type) {
      return;
    }
    const draw = new Draw({ source: this.source, type, stopClick: true });
    draw.on('drawend', (event) => {
      // Let the finishing click pass before the map's clicks pick features again.
      setTimeout(() => {
        this.stopDrawing();
        this.begin(dataLayer, { feature: event.feature });
      }, 0);
    });
    this.draw = draw;
    this.map.addInteraction(draw);
    this.snapSources().forEach((source) => {
      const snap = new Snap({ source });
      this.interactions.push(snap);
      this.map.addInteraction(snap);
    });
    this.say(t(drawHints[type] ?? 'editDrawPolygon'));
  }

  private stopDrawing(): void {
    if (this.draw) {
      this.draw.abortDrawing();
      this.map.removeInteraction(this.draw);
      this.draw = undefined;
    }
  }

  private removeInteractions(): void {
    this.interactions.forEach((interaction) => this.map.removeInteraction(interaction));
    this.interactions = [];
  }

  /** Ends editing the current feature: its copy leaves the edit layer and the layer's own feature shows again. */
  private finish(): void {
    this.removeInteractions();
    this.source.clear();
    this.editing?.original?.setStyle(undefined);
    this.editing = undefined;
    this.body.replaceChildren();
  }

  /** Checks the form, then sends the feature: PUT with If-Match for a stored one, POST for a new one. */
  private async save(): Promise<void> {
    const editing = this.editing;
    if (!editing) {
      return;
    }
    const checked = checkValues(editing.dataLayer.info, editing.form.read());
    if (checked.problems.length > 0) {
      editing.form.showProblems(checked.problems);
      this.say(t('editFixFields'));
      return;
    }
    const session = this.session;
    if (!session) {
      this.say(t('editNeedsAccount'));
      return;
    }
    const body: EditBody = {
      type: 'Feature',
      geometry: geoJson.writeGeometryObject(editing.feature.getGeometry()!, { decimals: 8 }) as GeoJsonGeometry,
      properties: checked.properties,
    };
    this.say(t('editSaving'));
    const collection = editing.dataLayer.definition.id;
    const answer = editing.id === undefined ? await createFeature(collection, body, session) : await replaceFeature(collection, editing.id, body, editing.etag!, session);
    if (answer.ok) {
      this.saved(editing, answer);
    } else if (answer.status === 412 && editing.id !== undefined) {
      await this.conflict(editing, body);
    } else {
      this.refused(answer);
    }
  }

  private saved(editing: Editing, answer: Versioned): void {
    this.finish();
    const fresh = showStored(editing.dataLayer, answer);
    const name = fresh.get('name') ?? fresh.getId();
    this.say(`${t(editing.id === undefined ? 'editCreated' : 'editSaved')}: ${editing.dataLayer.title()} · ${name} · ${pick('编号', 'No.')} ${fresh.getId()} · ${t('editVersion')} ${versionOf(answer.etag)}`);
  }

  /**
   * Someone saved this feature after it was read: fetch theirs and show it beside mine. Reload takes theirs into the
   * editor (mine is dropped); overwrite sends mine again with their ETag, deliberately.
   */
  private async conflict(editing: Editing, mine: EditBody): Promise<void> {
    const [current, history] = await Promise.all([fetchVersioned(editing.dataLayer.definition.id, editing.id!), fetchHistory(editing.dataLayer.definition.id, editing.id!)]);
    if (!current.ok) {
      this.refused(current.status === 404 ? { ok: false, status: 404, problem: { detail: t('conflictGone') } } : current);
      return;
    }
    const versions = 'versions' in history ? history.versions : [];
    const by = versions.find((v) => `"${v.version}"` === current.etag) ?? versions[versions.length - 1];
    this.say(t('conflictHeading'));
    const view = conflictView(editing.dataLayer, mine, current, by, {
      reload: () => this.begin(editing.dataLayer, current, editing.id),
      overwrite: () => {
        editing.etag = current.etag;
        void this.save();
      },
    });
    editing.body.querySelector('.edit-conflict-slot')!.replaceChildren(view);
    view.scrollIntoView({ block: 'nearest' });
  }

  /** The server said no: its detail, beside the field it names when it names one. */
  private refused(answer: Extract<EditAnswer, { ok: false }>): void {
    const problem: EditProblem = answer.problem;
    const text = problem.detail ?? problem.title ?? `HTTP ${answer.status}`;
    this.say(`${t(answer.status === 401 || answer.status === 403 ? 'editNeedsAccount' : 'editRefused')} (HTTP ${answer.status})`);
    const editing = this.editing;
    const field = problem.parameter?.startsWith('properties.') ? problem.parameter.slice('properties.'.length) : undefined;
    if (editing && field && editing.dataLayer.info.properties.some((p) => p.name === field)) {
      editing.form.showProblems([{ name: field, message: text }]);
    }
    const line = editing?.body.querySelector<HTMLElement>('.edit-problem') ?? this.status;
    line.hidden = false;
    line.textContent = text;
  }

  private say(text: string): void {
    this.status.textContent = text;
  }
}

/** The version an ETag names ("\"3\"" → 3). */
function versionOf(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/"/g, '');
}
