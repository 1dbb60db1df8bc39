// One place for every colour, so the legend, the PNG export and the browser tests agree with what the map draws.

export const mapBackground = '#dde5ec';

export const projectCategoryColours: Record<string, string> = {
  resettlement: '#e8590c',
  industry: '#1c7ed6',
  employment: '#2f9e44',
  public_service: '#9c36b5',
  municipal: '#c2255c',
};

export const zoneKindColours: Record<string, { fill: string; stroke: string }> = {
  pilot_area: { fill: 'rgba(116, 192, 252, 0.30)', stroke: '#1971c2' },
  high_tech_zone: { fill: 'rgba(177, 151, 252, 0.35)', stroke: '#6741d9' },
  key_town: { fill: 'rgba(255, 212, 59, 0.35)', stroke: '#e67700' },
  // Resettlement areas stand out: a stronger fill and a heavy dashed outline.
  resettlement: { fill: 'rgba(255, 135, 135, 0.55)', stroke: '#c92a2a' },
};

/** 三调 classes (第三次全国国土调查工作分类), in the conventional hues: farmland yellow-green, forest green, water blue, built-up red. */
export const landUseColours: Record<string, string> = {
  '0101': '#c8e36c',
  '0102': '#d9ec8f',
  '0103': '#ede39a',
  '0201': '#a8d26b',
  '0301': '#3f9b5c',
  '0305': '#7cbf7a',
  '0404': '#b8dca0',
  '1101': '#74b9e8',
  '1103': '#4d9fd8',
  '0601': '#b07ad0',
  '0701': '#f08080',
  '0702': '#e8a28c',
  '05H1': '#e0556b',
  '08H2': '#f3a642',
  '0810': '#6fcf97',
  '1003': '#9e9e9e',
};

export const constraintColours: Record<string, string> = {
  permanent_farmland: '#d9a400',
  ecological_redline: '#e03131',
  urban_boundary: '#7048e8',
  geohazard: '#8c4a1c',
};

export const facilityColours: Record<string, string> = {
  school: '#1864ab',
  clinic: '#0b7285',
  hospital: '#e03131',
  market: '#f76707',
  elderly_care: '#5f3dc4',
  childcare: '#d6336c',
  park: '#2b8a3e',
  railway_station: '#212529',
};

export const flowColour = '#0c8599';
export const districtFill = '#fbfaf5';
export const districtStroke = '#343a40';
export const townshipColour = '#495057';
export const highlightColour = '#fab005';
