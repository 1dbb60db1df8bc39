import TileLayer from 'ol/layer/Tile';
import OSM from 'ol/source/OSM';
import XYZ from 'ol/source/XYZ';
import type { ViewerConfig } from '../api';

export interface BaseMap {
  id: string;
  titleZh: string;
  titleEn: string;
  layers: TileLayer[];
}

/**
 * Online tile base maps, only when configuration switches them on (Viewer:BaseMaps): the default viewer works offline
 * on our own vector layers. 天地图 _w services are Web Mercator, matching the view.
 */
export function createBaseMaps(config: ViewerConfig): BaseMap[] {
  const baseMaps: BaseMap[] = [];
  const { tianditu, openStreetMap } = config.baseMaps;
  if (tianditu.enabled && tianditu.key) {
    const tiandituLayer = (layer: string) =>
      new TileLayer({
        visible: false,
        source: new XYZ({
          url: `https://t{0-7}.tianditu.gov.cn/DataServer?T=${layer}_w&x={x}&y={y}&l={z}&tk=${encodeURIComponent(tianditu.key)}`,
          attributions: '© 天地图',
          crossOrigin: 'anonymous',
        }),
      });
    baseMaps.push({ id: 'tdt-vec', titleZh: '天地图 矢量', titleEn: 'Tianditu vector', layers: [tiandituLayer('vec'), tiandituLayer('cva')] });
    baseMaps.push({ id: 'tdt-img', titleZh: '天地图 影像', titleEn: 'Tianditu imagery', layers: [tiandituLayer('img'), tiandituLayer('cia')] });
  }
  if (openStreetMap.enabled) {
    baseMaps.push({ id: 'osm', titleZh: 'OpenStreetMap', titleEn: 'OpenStreetMap', layers: [new TileLayer({ visible: false, source: new OSM() })] });
  }
  baseMaps.forEach((baseMap) => baseMap.layers.forEach((layer) => layer.setZIndex(-10)));
  return baseMaps;
}
