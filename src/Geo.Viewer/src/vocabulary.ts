import { pick } from './i18n';

/** Chinese and English names of the coded values in gis-data (Catalog.cs lists the codes). */
type Names = Record<string, [zh: string, en: string]>;

export const projectCategories: Names = {
  resettlement: ['农村人口进城集镇安置项目', 'Resettlement in towns'],
  industry: ['产业发展“强基”工程', 'Industry foundations'],
  employment: ['高质量就业创业促进工程', 'Jobs and start-ups'],
  public_service: ['公共服务扩面提质工程', 'Public services'],
  municipal: ['市政设施提档升级工程', 'Municipal infrastructure'],
};

export const fundings: Names = { 政府: ['政府', 'Government'], 市场: ['市场', 'Market'] };

export const zoneKinds: Names = {
  pilot_area: ['试点片区', 'Pilot area'],
  high_tech_zone: ['高新区', 'High-tech zone'],
  key_town: ['重点集镇', 'Key town'],
  resettlement: ['农民搬迁安置区', 'Resettlement area'],
};

export const constraintKinds: Names = {
  permanent_farmland: ['永久基本农田', 'Permanent basic farmland'],
  ecological_redline: ['生态保护红线', 'Ecological red line'],
  urban_boundary: ['城镇开发边界', 'Urban development boundary'],
  geohazard: ['地质灾害隐患区', 'Geohazard area'],
};

export const facilityKinds: Names = {
  school: ['学校', 'School'],
  clinic: ['卫生院/诊所', 'Clinic'],
  hospital: ['医院', 'Hospital'],
  market: ['农贸市场', 'Market'],
  elderly_care: ['养老服务', 'Elderly care'],
  childcare: ['托育', 'Childcare'],
  park: ['公园', 'Park'],
  railway_station: ['火车站', 'Railway station'],
};

/** The daily needs of the 一刻钟便民生活圈 as /api/analysis/living-circle codes them (the server labels them in Chinese). */
export const livingNeeds: Names = {
  school: ['学校', 'School'],
  clinic_or_hospital: ['医疗（诊所或医院）', 'Clinic or hospital'],
  market: ['农贸市场', 'Market'],
  elderly_care: ['养老', 'Elderly care'],
  childcare: ['托育', 'Childcare'],
  park: ['公园', 'Park'],
};

export const landUses: Names = {
  '0101': ['水田', 'Paddy field'],
  '0102': ['水浇地', 'Irrigated land'],
  '0103': ['旱地', 'Dry land'],
  '0201': ['果园', 'Orchard'],
  '0301': ['乔木林地', 'Forest'],
  '0305': ['灌木林地', 'Shrubland'],
  '0404': ['其他草地', 'Other grassland'],
  '1101': ['河流水面', 'River'],
  '1103': ['水库水面', 'Reservoir'],
  '0601': ['工业用地', 'Industrial'],
  '0701': ['城镇住宅用地', 'Urban residential'],
  '0702': ['农村宅基地', 'Rural homesteads'],
  '05H1': ['商业服务业设施用地', 'Commercial'],
  '08H2': ['科教文卫用地', 'Education, culture, health'],
  '0810': ['公园与绿地', 'Parks and green space'],
  '1003': ['公路用地', 'Roads'],
};

export const locationPrecisions: Names = {
  surveyed: ['测量坐标', 'surveyed'],
  sourced_point: ['有来源的点位', 'sourced point'],
  approximate: ['近似位置', 'approximate'],
  schematic: ['示意位置', 'schematic'],
};

/** The display name of a code, or the code itself when the vocabulary does not know it (new official data). */
export function nameOf(names: Names, code: string): string {
  const entry = names[code];
  return entry ? pick(entry[0], entry[1]) : code;
}

/** Which vocabulary translates which property, for popups and tables. */
export const propertyVocabularies: Record<string, Names> = {
  category: projectCategories,
  funding: fundings,
  location_precision: locationPrecisions,
};

export const kindVocabularies: Record<string, Names> = {
  zones: zoneKinds,
  constraints: constraintKinds,
  facilities: facilityKinds,
};
