import type Feature from 'ol/Feature';
import type { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import MVT from 'ol/format/MVT';
import VectorLayer from 'ol/layer/Vector';
import VectorTileLayer from 'ol/layer/VectorTile';
import Cluster from 'ol/source/Cluster';
import VectorSource from 'ol/source/Vector';
import VectorTileSource, { defaultLoadFunction } from 'ol/source/VectorTile';
import type Tile from 'ol/Tile';
import type VectorTile from 'ol/VectorTile';
import type RenderFeature from 'ol/render/Feature';
import type OlMap from 'ol/Map';
import { fetchAllItems, type CollectionInfo, type ViewerConfig } from '../api';
import { pick, t } from '../i18n';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import { clustered } from '../styles/clusterStyle';
import { layerDefinitions, type LayerDefinition } from './definitions';
import { takeFirstTile, TILE_MAX_ZOOM, TILE_SIZE, TILED_MIN_ZOOM, tileUrlTemplate } from './firstTiles';
import { clusterPoint, PointCluster } from './pointCluster';

export const geoJson = new GeoJSON({ dataProjection: DATA_PROJECTION, featureProjection: VIEW_PROJECTION });

export interface DataLayer {
  definition: LayerDefinition;
  info: CollectionInfo;
  layer: VectorLayer<VectorSource> | VectorTileLayer;
  /** Every feature of the layer; empty for a layer drawn from tiles (see {@link tiled}). */
  source: VectorSource;
  /** Drawn from the server's vector tiles because it is too large to load whole; identify fetches the item by id. */
  tiled: boolean;
  /** Settles when every feature of the collection is in the source; rejects with the HTTP error. */
  loaded: Promise<void>;
  /** True when any feature stands in for official data (marked 示意 in the tree and the legend). */
  illustrative: boolean;
  title: () => string;
}

/**
 * Creates a layer for every collection /viewer/config lists and starts loading all of them at once; the collections
 * are small enough to load whole.
 */
export function createDataLayers(config: ViewerConfig): DataLayer[] {
  return layerDefinitions(config.collections).map((definition, index) => {
    const info = config.collections.find((c) => c.id === definition.id)!;
    // OpenLayers shows a source's attributions while its layer is visible: each sourced layer credits its source,
    // and every layer standing in for official data adds the 示意 note (shown once).
    const attributions = () => [definition.attribution?.(), dataLayer.illustrative ? t('illustrativeNote') : undefined].filter((a) => a !== undefined);
    const source = new VectorSource({ attributions });
    const tiled = config.tiledLayers?.includes(definition.id) ?? false;
    // A dense layer draws through a cluster source (distance set by followZoom); `source` keeps the features.
    const clusters = definition.clusterBelowZoom === undefined || tiled
      ? undefined
      : new PointCluster({ source, distance: 0, attributions, geometryFunction: (feature) => (definition.shown?.(feature) ?? true ? clusterPoint(feature) : null) });
    const options = {
      style: clusters && typeof definition.style === 'function' ? clustered(definition.style) : definition.style,
      visible: definition.visible,
      zIndex: index,
      // Overlapping labels are dropped (symbols stay: their styles opt out of decluttering).
      declutter: definition.labelled,
      properties: { id: definition.id },
    };
    // Below zoom 12 the server draws a polygon collection this large as generalised cells (tileMatrix 0–11, a few ms a
    // tile: bench/tiles.sh), so parcels show at the district's zoom; a tile of other kinds there could pass its feature limit.
    const minZoom = info.geometry === 'MultiPolygon' ? undefined : TILED_MIN_ZOOM;
    const layer = tiled
      ? new VectorTileLayer({ ...options, source: tileSource(definition.id, source, definition.tessellatedBy), renderMode: 'hybrid', minZoom, renderOrder: byProperty(definition.tessellatedBy) })
      : new VectorLayer({ ...options, source: clusters ?? source });
    const dataLayer: DataLayer = {
      definition,
      info,
      layer,
      source,
      tiled,
      illustrative: false,
      loaded: Promise.resolve(),
      title: () => pick(info.titleZh, info.titleEn),
    };
    dataLayer.loaded = tiled ? Promise.resolve() : fetchAllItems(definition.id).then((features) => {
      const olFeatures = geoJson.readFeatures({ type: 'FeatureCollection', features });
      dataLayer.illustrative = olFeatures.some((f) => f.get('illustrative') === true);
      source.addFeatures(olFeatures);
    });
    return dataLayer;
  });
}

/** Clusters symbols closer than ~a symbol (32 px) below each clustered layer's zoom, and none from there on. */
export function followZoom(map: OlMap, layers: DataLayer[]): void {
  const update = () => {
    const zoom = map.getView().getZoom() ?? 0;
    for (const { definition, layer } of layers) {
      const source = layer.getSource();
      if (definition.clusterBelowZoom !== undefined && source instanceof Cluster) {
        source.setDistance(zoom < definition.clusterBelowZoom ? 32 : 0);
      }
    }
  };
  map.getView().on('change:resolution', update);
  update();
}

/** The data features a hit stands for: the members of a cluster, or the feature itself. */
export function membersOf(feature: FeatureLike): Feature[] {
  return (feature.get('features') as Feature[] | undefined) ?? [feature as Feature];
}

/**
 * Draws a tile's features grouped by a property's value (long runs of one style), keeping the server's generalised
 * cells (low zooms) under the large features it draws over them; in the tile's order without a property.
 */
function byProperty(property: string | undefined): ((a: FeatureLike, b: FeatureLike) => number) | undefined {
  if (property === undefined) {
    return undefined;
  }
  const layer = (feature: FeatureLike) => (feature.get('generalised') === true ? 0 : 1);
  return (a, b) => {
    const x = String(a.get(property) ?? '');
    const y = String(b.get(property) ?? '');
    return layer(a) - layer(b) || (x < y ? -1 : x > y ? 1 : 0);
  };
}

/** The collection's Mapbox Vector Tiles (OGC API – Tiles, WebMercatorQuad), crediting what the layer's source credits. */
function tileSource(collection: string, credits: VectorSource, tessellatedBy: string | undefined): VectorTileSource {
  return new VectorTileSource({
    // Polygons that tessellate never overlap: OpenLayers may then batch fills and strokes of one style.
    overlaps: tessellatedBy === undefined,
    // No idProperty: ST_AsMVT writes the id as the MVT feature id (not a property), the embedded store as both; a
    // tile feature's id is read as getId() ?? get('id') (identify.ts).
    format: new MVT(),
    url: tileUrlTemplate(collection),
    tileLoadFunction: loadTile,
    attributions: credits.getAttributions() ?? undefined,
    tileSize: TILE_SIZE,
    maxZoom: TILE_MAX_ZOOM,
    // No 250 ms fade-in per tile: each fading frame draws every tile in view again, and the map is complete only after it.
    transition: 0,
  });
}

/** Reads the answer index.html already asked for (layers/firstTiles.ts) when there is one; asks the server otherwise. */
function loadTile(tile: Tile, url: string): void {
  const vectorTile = tile as VectorTile<RenderFeature>;
  const first = takeFirstTile(url);
  if (first === undefined) {
    defaultLoadFunction(vectorTile, url);
    return;
  }
  vectorTile.setLoader((extent, _resolution, projection) => {
    const format = vectorTile.getFormat();
    first.then(
      (data) => vectorTile.onLoad(format.readFeatures(data, { extent, featureProjection: projection }), format.readProjection(data)!),
      () => vectorTile.onError(),
    );
  });
}
