import Feature, { type FeatureLike } from 'ol/Feature';
import { LineString, Point, Polygon } from 'ol/geom';
import type { StyleFunction } from 'ol/style/Style';
import type Style from 'ol/style/Style';
import { createDefaultStyle } from 'ol/style/Style';
import type { CollectionInfo } from '../api';
import { pick } from '../i18n';
import { districtStyle, townshipStyle } from '../styles/boundaryStyle';
import { constraintStyle } from '../styles/constraintStyle';
import { facilityStyle } from '../styles/facilityStyle';
import { flowStyle } from '../styles/flowStyle';
import { landUseColours } from '../styles/palette';
import { parcelStyle } from '../styles/parcelStyle';
import { projectStyle } from '../styles/projectStyle';
import { shownInYear } from '../styles/yearFilter';
import { zoneStyle } from '../styles/zoneStyle';
import { codesOf, nameOf } from '../codeNames';
import { formatWan } from '../format';

/** One legend row: a sample feature in legend-canvas pixels, drawn with the layer's own style function. */
export interface LegendItem {
  label: () => string;
  feature: Feature;
  /** Canvas size in CSS pixels when the sample needs more than the default 32 × 18. */
  size?: [number, number];
}

export interface LayerDefinition {
  /** The OGC API collection id, also the layer id in the tree, the permalink and the tests. */
  id: string;
  style: StyleFunction | Style;
  visible: boolean;
  /** Whether the style draws text labels, which are then decluttered so they never print over each other. */
  labelled: boolean;
  legend: () => LegendItem[];
  /**
   * Dense layers: below this zoom, symbols closer than a symbol's width are drawn as one circle with a count (a polygon
   * counts at its interior point).
   */
  clusterBelowZoom?: number;
  /** Whether the style draws a feature now (the time slider hides projects); hidden features are left out of clusters. */
  shown?: (feature: FeatureLike) => boolean;
  /** Credit for the sourced data in the layer, shown in the map's attribution line while the layer is visible. */
  attribution?: () => string;
  /**
   * The property that picks a polygon's style when the polygons tessellate (never overlap, like 三调 parcels). Drawn
   * from tiles, such a layer is drawn grouped by it, and OpenLayers fills and strokes up to 200 polygons of one style as
   * one path instead of one canvas call each (its `overlaps: false`); without overlaps the picture is the same.
   */
  tessellatedBy?: string;
}

const box = () => new Polygon([[[3, 3], [29, 3], [29, 15], [3, 15], [3, 3]]]);
const dot = () => new Point([16, 9]);

function sample(geometry: Polygon | Point | LineString, properties: Record<string, unknown>): Feature {
  const feature = new Feature(geometry);
  feature.setProperties(properties);
  return feature;
}

const byCode = (collectionId: string, geometry: () => Polygon | Point, property: string) => () =>
  Object.keys(codesOf(collectionId, property)).map((code) => ({ label: () => nameOf(codesOf(collectionId, property), code), feature: sample(geometry(), { [property]: code }) }));

/** The styled layers, bottom to top: the order the map draws them and the reverse of the layer tree. */
const definitions: LayerDefinition[] = [
  {
    id: 'district',
    style: districtStyle,
    visible: true,
    labelled: false,
    legend: () => [{ label: () => pick('区界（非法定界线）', 'District outline (not legal)'), feature: sample(box(), {}) }],
    attribution: () => pick('区界：高德（GCJ-02 转换，非法定界线）', 'Outline: Amap (from GCJ-02, not legal)'),
  },
  {
    id: 'parcels',
    style: parcelStyle,
    visible: false,
    labelled: false,
    tessellatedBy: 'land_use_code',
    legend: () =>
      Object.keys(landUseColours).map((code) => ({ label: () => `${code} ${nameOf(codesOf('parcels', 'land_use_code'), code)}`, feature: sample(box(), { land_use_code: code }) })),
  },
  { id: 'zones', style: zoneStyle, visible: true, labelled: true, legend: byCode('zones', box, 'kind') },
  { id: 'constraints', style: constraintStyle, visible: true, labelled: false, legend: byCode('constraints', box, 'kind') },
  {
    id: 'townships',
    style: townshipStyle,
    visible: true,
    labelled: true,
    legend: () => [{ label: () => pick('乡镇（街道）驻地', 'Township seat'), feature: sample(dot(), {}) }],
    attribution: () => pick('乡镇驻地：高德，经 Vonng/adcode（CC BY 4.0）', 'Seats: Amap via Vonng/adcode (CC BY 4.0)'),
  },
  {
    id: 'relocation_flows',
    style: flowStyle,
    visible: true,
    labelled: false,
    legend: () =>
      [100, 300, 600].map((persons) => ({
        label: () => pick(`${persons} 人`, `${persons} persons`),
        feature: sample(new LineString([[2, 12], [40, 12]]), { persons }),
        size: [44, 24] as [number, number],
      })),
  },
  {
    id: 'facilities',
    style: facilityStyle,
    visible: false,
    clusterBelowZoom: 13,
    labelled: false,
    legend: () => [
      ...byCode('facilities', dot, 'kind')(),
      { label: () => pick('方案新建（深色外圈）', 'Built by the plan (dark ring)'), feature: sample(dot(), { kind: 'school', planned: true }) },
    ],
    attribution: () => pick('火车站：© OpenStreetMap 贡献者（ODbL）', 'Stations: © OpenStreetMap contributors (ODbL)'),
  },
  {
    id: 'projects',
    style: projectStyle,
    visible: true,
    labelled: true,
    // About 30 project circles crowd the city at district scale; from zoom 13 (≈ 20 m a pixel) they stand apart.
    clusterBelowZoom: 13,
    shown: shownInYear,
    legend: () => [
      ...Object.keys(codesOf('projects', 'category')).map((code) => ({
        label: () => nameOf(codesOf('projects', 'category'), code),
        feature: sample(dot(), { category: code, investment_wan: 10000, start_year: 0, end_year: 9999 }),
      })),
      ...[1000, 10000, 50000].map((wan) => ({
        label: () => pick(`${formatWan(wan)}（圆面积∝投资）`, `${formatWan(wan)} (area ∝ investment)`),
        feature: sample(new Point([22, 22]), { category: 'municipal', investment_wan: wan, start_year: 0, end_year: 9999 }),
        size: [44, 44] as [number, number],
      })),
      {
        label: () => pick('有占地范围的项目', 'Project with a stated site'),
        feature: sample(box(), { category: 'industry', start_year: 0, end_year: 9999 }),
      },
    ],
  },
];

/** A collection the viewer has no style for yet: OpenLayers' default style, off until switched on, drawn on top. */
const unstyled = (id: string): LayerDefinition => ({ id, style: createDefaultStyle, visible: false, labelled: false, legend: () => [] });

/**
 * The map layers: every collection with a geometry that /viewer/config lists (the catalog), in the drawing order of
 * the styles above; a collection without a style yet still shows, drawn with the default style on top.
 */
export function layerDefinitions(collections: CollectionInfo[]): LayerDefinition[] {
  const rank = (id: string) => {
    const index = definitions.findIndex((d) => d.id === id);
    return index < 0 ? definitions.length : index;
  };
  return [...collections]
    .sort((a, b) => rank(a.id) - rank(b.id))
    .map((collection) => definitions.find((d) => d.id === collection.id) ?? unstyled(collection.id));
}
