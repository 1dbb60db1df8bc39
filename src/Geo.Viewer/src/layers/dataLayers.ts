import GeoJSON from 'ol/format/GeoJSON';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { fetchAllItems, type CollectionInfo, type ViewerConfig } from '../api';
import { pick, t } from '../i18n';
import { DATA_PROJECTION, VIEW_PROJECTION } from '../projections';
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
    const source = new VectorSource({
      attributions: () => [definition.attribution?.(), dataLayer.illustrative ? t('illustrativeNote') : undefined].filter((a) => a !== undefined),
    });
    const layer = new VectorLayer({
      source,
      style: definition.style,
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
