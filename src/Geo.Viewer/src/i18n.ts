// Chinese first: staff read 中文; the English toggle is for visitors and reviewers.
export type Lang = 'zh' | 'en';

const zh = {
  appTitle: '开州区“小县大城”试点规划地图',
  language: 'English',
  layers: '图层',
  legend: '图例',
  table: '属性表',
  query: '区域查询',
  measure: '测量',
  charts: '投资统计',
  exportPng: '导出图片',
  permalink: '复制链接',
  permalinkCopied: '链接已复制到剪贴板',
  close: '关闭',
  skipToMap: '跳到地图',
  zoomIn: '放大',
  zoomOut: '缩小',
  attributions: '数据来源',
  identifyList: '点击处的要素',
  identifyHere: '此处要素',
  search: '搜索',
  searchPlaceholder: '搜索项目序号、名称、片区、乡镇、设施、地块编号',
  searchNone: '没有找到',
  illustrative: '示意',
  illustrativeNote: '示意数据，非官方数据',
  opacity: '透明度',
  moveUp: '上移',
  moveDown: '下移',
  zoomToLayer: '缩放至图层',
  baseMaps: '底图',
  loading: '正在加载…',
  loadFailed: '加载失败',
  filter: '筛选',
  rows: '行',
  exportCsv: '导出 CSV',
  exportGeoJson: '导出 GeoJSON',
  drawPolygon: '多边形',
  drawBox: '矩形',
  drawCircle: '圆形',
  pickZone: '选择片区',
  pickTownship: '选择乡镇（驻地周边3公里）',
  townshipNote: '无乡镇界线数据，按驻地周边3公里圆形查询',
  clear: '清除',
  queryHint: '选择一种方式划定区域，查询区域内的重大项目。',
  count: '项目数',
  totalInvestment: '计划总投资',
  byGroup: '按项目类别',
  byFunding: '按投资类别',
  byYear: '按开工年份',
  byLeadUnit: '按牵头单位',
  apportionedTotal: '按面积分摊后合计',
  apportioned: '按面积分摊',
  shareInside: '范围内占比',
  printReport: '打印报告',
  compliance: '合规性审查',
  complianceConflict: '冲突',
  complianceReport: '审查报告',
  livingCircle: '生活圈与安置',
  signIn: '登录',
  signOut: '退出',
  accountName: '用户名',
  password: '密码',
  cancel: '取消',
  signInFailed: '用户名或密码错误，或账户已停用',
  signInThrottled: '失败次数过多，请稍后再试',
  roleViewer: '查看',
  roleEditor: '编辑',
  roleAdmin: '管理员',
  pickResettlement: '选择安置区',
  capacityOverview: '各安置区容量（超容量在前）',
  resettlementArea: '安置区',
  livingCircleTitle: '一刻钟便民生活圈（1000米）',
  need: '设施需求',
  covered: '覆盖',
  nearest: '最近设施',
  gap: '缺口',
  missingKinds: '范围内缺少的设施类型',
  capacity: '安置容量',
  inflow: '迁入',
  utilisation: '容量使用率',
  withinCapacity: '未超出安置容量',
  overCapacityBy: '超出安置容量',
  measureLength: '距离',
  measureArea: '面积',
  hintPolygon: '单击地图添加顶点，双击结束；按 Esc 取消',
  hintBox: '按住鼠标拖出矩形，松开结束；按 Esc 取消',
  hintCircle: '在圆心按住鼠标拖出半径，松开结束；按 Esc 取消',
  hintLine: '单击地图添加点，双击结束；按 Esc 取消',
  measureNote: '按 CGCS2000 / 3度带高斯-克吕格 CM 108E（EPSG:4545）平面量算',
  hectare: '公顷',
  mu: '亩',
  timeSlider: '按建设年份显示',
  underConstruction: '在建项目',
  yearProjects: '在建项目列表',
  exportTitle: '图名',
  width: '宽（像素）',
  height: '高（像素）',
  download: '下载 PNG',
  dataSource: '数据来源：《重庆市开州区“小县大城”试点工作方案》附件4；区界与乡镇驻地为高德数据（GCJ-02 转换，区界非法定界线）；火车站 © OpenStreetMap 贡献者（ODbL）；其余位置与图形为示意。',
  north: '北',
  wan: '万元',
  precisionApproximate: '位置为近似位置（距所注乡镇有来源的驻地约1公里内），非测量坐标。',
  precisionSchematic: '位置为示意（图形仅代表大致范围），非测量坐标。',
  flowTotals: '迁入合计',
  households: '户',
  persons: '人',
  yes: '是',
  no: '否',
  mapLabel: '地图：方向键平移，+/- 缩放',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appTitle: 'Kaizhou “small county, big city” pilot map',
  language: '中文',
  layers: 'Layers',
  legend: 'Legend',
  table: 'Attribute table',
  query: 'Query by area',
  measure: 'Measure',
  charts: 'Investment',
  exportPng: 'Export PNG',
  permalink: 'Copy link',
  permalinkCopied: 'Link copied to the clipboard',
  close: 'Close',
  skipToMap: 'Skip to the map',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  attributions: 'Attributions',
  identifyList: 'Features at the click',
  identifyHere: 'Features here',
  search: 'Search',
  searchPlaceholder: 'Search project no., name, zone, township, facility, parcel no.',
  searchNone: 'Nothing found',
  illustrative: '示意 illustrative',
  illustrativeNote: 'illustrative sample, not official data',
  opacity: 'Opacity',
  moveUp: 'Move up',
  moveDown: 'Move down',
  zoomToLayer: 'Zoom to layer',
  baseMaps: 'Base maps',
  loading: 'Loading…',
  loadFailed: 'Loading failed',
  filter: 'Filter',
  rows: 'rows',
  exportCsv: 'Export CSV',
  exportGeoJson: 'Export GeoJSON',
  drawPolygon: 'Polygon',
  drawBox: 'Rectangle',
  drawCircle: 'Circle',
  pickZone: 'Pick a zone',
  pickTownship: 'Pick a township (3 km around the seat)',
  townshipNote: 'No township boundaries exist; a 3 km circle around the seat is used',
  clear: 'Clear',
  queryHint: 'Choose how to draw an area to list the major projects inside it.',
  count: 'Projects',
  totalInvestment: 'Planned investment',
  byGroup: 'By group',
  byFunding: 'By funding',
  byYear: 'By start year',
  byLeadUnit: 'By lead unit',
  apportionedTotal: 'Total apportioned by area',
  apportioned: '按面积分摊 apportioned',
  shareInside: 'share inside',
  printReport: 'Printable report',
  compliance: 'Compliance check',
  complianceConflict: 'conflict',
  complianceReport: 'Report',
  livingCircle: 'Living circle & resettlement',
  signIn: 'Sign in',
  signOut: 'Sign out',
  accountName: 'Account name',
  password: 'Password',
  cancel: 'Cancel',
  signInFailed: 'Wrong name or password, or the account is disabled',
  signInThrottled: 'Too many failed attempts; try again later',
  roleViewer: 'viewer',
  roleEditor: 'editor',
  roleAdmin: 'admin',
  pickResettlement: 'Pick a resettlement area',
  capacityOverview: 'Capacity of every resettlement area (over capacity first)',
  resettlementArea: 'Resettlement area',
  livingCircleTitle: '15-minute living circle (1000 m)',
  need: 'Need',
  covered: 'Covered',
  nearest: 'Nearest facility',
  gap: 'gap',
  missingKinds: 'Facility kinds missing within the distance',
  capacity: 'Capacity',
  inflow: 'Moving in',
  utilisation: 'Utilisation',
  withinCapacity: 'Within capacity',
  overCapacityBy: 'Over capacity by',
  measureLength: 'Distance',
  measureArea: 'Area',
  hintPolygon: 'Click to add corners, double-click to finish; Esc cancels',
  hintBox: 'Press and drag out the rectangle, release to finish; Esc cancels',
  hintCircle: 'Press at the centre and drag out the radius, release to finish; Esc cancels',
  hintLine: 'Click to add points, double-click to finish; Esc cancels',
  measureNote: 'Planar in CGCS2000 / 3-degree Gauss-Krüger CM 108E (EPSG:4545)',
  hectare: 'ha',
  mu: 'mu',
  timeSlider: 'Show by construction year',
  underConstruction: 'under construction',
  yearProjects: 'Projects under construction',
  exportTitle: 'Title',
  width: 'Width (px)',
  height: 'Height (px)',
  download: 'Download PNG',
  dataSource: 'Source: Kaizhou “small county, big city” pilot plan, annex 4; district outline and township seats from Amap (converted from GCJ-02; the outline is not a legal boundary); railway stations © OpenStreetMap contributors (ODbL); other positions and shapes are illustrative.',
  north: 'N',
  wan: '×10⁴ yuan',
  precisionApproximate: 'Approximate position (within about 1 km of the sourced seat of the named town), not surveyed.',
  precisionSchematic: 'Schematic position (the shape only stands for the area), not surveyed.',
  flowTotals: 'Total moving in',
  households: 'households',
  persons: 'persons',
  yes: 'yes',
  no: 'no',
  mapLabel: 'Map: arrow keys pan, +/- zoom',
};

const messages: Record<Lang, Record<MessageKey, string>> = { zh, en };
const listeners: Array<() => void> = [];
let current: Lang = 'zh';

export function lang(): Lang {
  return current;
}

export function t(key: MessageKey): string {
  return messages[current][key];
}

/** Picks the Chinese or English text of a pair that came from the data or the catalog. */
export function pick(zhText: string, enText: string): string {
  return current === 'zh' ? zhText : enText;
}

export function setLang(value: Lang): void {
  current = value;
  document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
  translateStatic(document.body);
  listeners.forEach((listener) => listener());
}

/** Re-runs a render function whenever the language changes (and once now). */
export function onLangChange(listener: () => void): void {
  listeners.push(listener);
}

/** Elements carry data-i18n (text), data-i18n-title (tooltip and accessible name) or data-i18n-aria. */
export function translateStatic(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as MessageKey);
  });
  root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder as MessageKey);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((el) => {
    el.title = t(el.dataset.i18nTitle as MessageKey);
    el.setAttribute('aria-label', el.title);
  });
}
