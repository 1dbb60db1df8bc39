import type Feature from 'ol/Feature';
import type { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import VectorLayer from 'ol/layer/Vector';
import Cluster from 'ol/source/Cluster';
import VectorSource from 'ol/source/Vector';
import type OlMap from 'ol/Map';
import { fetchAllItems, type CollectionInfo, type ViewerConfig } from '../api';
import { pick, t } from '../i18n';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
import { clustered } from '../styles/clusterStyle';
import { layerDefinitions, type LayerDefinition } from './definitions';

export const geoJson = new GeoJSON({ dataProjection: DATA_PROJECTION, featureProjection: VIEW_PROJECTION });

export interface DataLayer {
  definition: LayerDefinition;
  info: CollectionInfo;
  layer: VectorLayer<VectorSource>;
  source: VectorSource;
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
    // A dense point layer draws through a Cluster source (distance set by followZoom); `source` keeps the features.
    const clusters = definition.clusterBelowZoom === undefined ? undefined : new Cluster({ source, distance: 0, attributions });
    const layer = new VectorLayer({
      source: clusters ?? source,
      style: clusters && typeof definition.style === 'function' ? clustered(definition.style) : definition.style,
      visible: definition.visible,
      zIndex: index,
      // Overlapping labels are dropped (symbols stay: their styles opt out of decluttering).
      declutter: definition.labelled,
      properties: { id: definition.id },
    });
    const dataLayer: DataLayer = {
      definition,
      info,
      layer,
      source,
      illustrative: false,
      loaded: Promise.resolve(),
      title: () => pick(info.titleZh, info.titleEn),
    };
    dataLayer.loaded = fetchAllItems(definition.id).then((features) => {
      const olFeatures = geoJson.readFeatures({ type: 'FeatureCollection', features });
      dataLayer.illustrative = olFeatures.some((f) => f.get('illustrative') === true);
      source.addFeatures(olFeatures);
    });
    return dataLayer;
  });
}

/** Clusters points closer than ~a symbol (32 px) below each clustered layer's zoom, and none from there on. */
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
