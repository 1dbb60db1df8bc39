import type { CollectionInfo } from '../src/api';

// The zones' fields as /viewer/config gives them (Catalog.cs), written out here.
export const zones: CollectionInfo = {
  id: 'zones',
  titleZh: '试点片区',
  titleEn: 'Pilot zones',
  geometry: 'MultiPolygon',
  editable: true,
  properties: [
    { name: 'name', titleZh: '名称', titleEn: 'Name', type: 'Text', required: true },
    { name: 'kind', titleZh: '类型', titleEn: 'Kind', type: 'Text', required: true, values: { resettlement: ['农民搬迁安置区', 'Resettlement area'], key_town: ['重点集镇', 'Key town'] } },
    { name: 'capacity_households', titleZh: '安置容量（户）', titleEn: 'Capacity (households)', type: 'Integer', required: false },
    { name: 'area', titleZh: '面积', titleEn: 'Area', type: 'Number', required: false },
    { name: 'due', titleZh: '日期', titleEn: 'Due', type: 'Date', required: false },
    { name: 'illustrative', titleZh: '示意数据', titleEn: 'Illustrative', type: 'Boolean', required: true },
  ],
};
