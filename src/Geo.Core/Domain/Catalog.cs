namespace Geo.Core.Domain;

/// <summary>
/// Every collection the service knows: the one data contract. File and property names, every allowed value with its
/// Chinese and English name, time properties and editability live here; the OGC API, import validation, the analyses'
/// labels, the viewer (through /viewer/config) and the Python generator (through the exported catalog.json) read it,
/// and a test holds the PostGIS migrations' columns, CHECK lists and data-version triggers equal to it. Add
/// properties freely, rename none.
/// </summary>
public static class Catalog
{
    // Codes the analyses name in code; the lists below are where they are defined with their names.
    public const string PermanentFarmland = "permanent_farmland";
    public const string EcologicalRedline = "ecological_redline";
    public const string UrbanBoundary = "urban_boundary";
    public const string Geohazard = "geohazard";
    public const string ResettlementZone = "resettlement";

    public static readonly CodeList LocationPrecisions = CodeList.Closed(
        new("surveyed", "测量坐标", "surveyed"),
        new("sourced_point", "有来源的点位", "sourced point"),
        new("approximate", "近似位置", "approximate"),
        new("schematic", "示意位置", "schematic"));

    public static readonly CodeList ProjectCategories = CodeList.Closed(
        new("resettlement", "农村人口进城集镇安置项目", "Resettlement in towns"),
        new("industry", "产业发展“强基”工程", "Industry foundations"),
        new("employment", "高质量就业创业促进工程", "Jobs and start-ups"),
        new("public_service", "公共服务扩面提质工程", "Public services"),
        new("municipal", "市政设施提档升级工程", "Municipal infrastructure"));

    public static readonly CodeList Fundings = CodeList.Closed(
        new("政府", "政府", "Government"),
        new("市场", "市场", "Market"));

    public static readonly CodeList ZoneKinds = CodeList.Closed(
        new("pilot_area", "试点片区", "Pilot area"),
        new("high_tech_zone", "高新区", "High-tech zone"),
        new("key_town", "重点集镇", "Key town"),
        // The plan speaks of 农民搬迁 (farmers moving to towns) and the zone collection's own description says 农民搬迁安置区.
        new(ResettlementZone, "农民搬迁安置区", "Resettlement area"));

    public static readonly CodeList ConstraintKinds = CodeList.Closed(
        new(PermanentFarmland, "永久基本农田", "Permanent basic farmland"),
        new(EcologicalRedline, "生态保护红线", "Ecological red line"),
        new(UrbanBoundary, "城镇开发边界", "Urban development boundary"),
        new(Geohazard, "地质灾害隐患区", "Geohazard area"));

    public static readonly CodeList FacilityKinds = CodeList.Closed(
        new("school", "学校", "School"),
        // The plan names no 诊所 and one 卫生院; the data's clinics are 社区卫生服务站. The service has always answered
        // 诊所/卫生院 (a viewer test reads it in the living-circle panel), so that wording stays.
        new("clinic", "诊所/卫生院", "Clinic"),
        new("hospital", "医院", "Hospital"),
        new("market", "农贸市场", "Market"),
        // The plan's 养老服务中心/站 and the data's 养老服务站: a service, not a home.
        new("elderly_care", "养老服务", "Elderly care"),
        new("childcare", "托育", "Childcare"),
        new("park", "公园", "Park"),
        new("railway_station", "火车站", "Railway station"));

    public static readonly CodeList RelocationReasons = CodeList.Closed(
        new("地质灾害", "地质灾害", "Geohazard"),
        new("生态", "生态", "Ecology"),
        new("重大工程", "重大工程", "Major works"),
        new("自愿搬迁", "自愿搬迁", "Voluntary"),
        new("高山远山", "高山远山", "Remote mountains"));

    public static readonly CodeList TownshipTypes = CodeList.Closed(
        new("街道", "街道", "Subdistrict"),
        new("镇", "镇", "Town"),
        new("乡", "乡", "Township"));

    public static readonly CodeList Comparators = CodeList.Closed(
        new(">=", "不低于", "at least"),
        new("<=", "不高于", "at most"),
        new("=", "等于", "equal to"),
        new("~", "约为", "about"));

    /// <summary>三调 land-use codes named today; open, because official parcels bring codes of their own.</summary>
    public static readonly CodeList LandUses = CodeList.Open(
        new("0101", "水田", "Paddy field"),
        new("0102", "水浇地", "Irrigated land"),
        new("0103", "旱地", "Dry land"),
        new("0201", "果园", "Orchard"),
        new("0301", "乔木林地", "Forest"),
        new("0305", "灌木林地", "Shrubland"),
        new("0404", "其他草地", "Other grassland"),
        new("1101", "河流水面", "River"),
        new("1103", "水库水面", "Reservoir"),
        new("0601", "工业用地", "Industrial"),
        new("0701", "城镇住宅用地", "Urban residential"),
        new("0702", "农村宅基地", "Rural homesteads"),
        new("05H1", "商业服务业设施用地", "Commercial"),
        new("08H2", "科教文卫用地", "Education, culture, health"),
        new("0810", "公园与绿地", "Parks and green space"),
        new("1003", "公路用地", "Roads"));

    /// <summary>The daily needs of the 一刻钟便民生活圈 as the living-circle analysis codes them (a need, not a facility kind).</summary>
    public static readonly CodeList LivingNeeds = CodeList.Closed(
        new("school", "学校", "School"),
        new("clinic_or_hospital", "医疗（诊所或医院）", "Clinic or hospital"),
        new("market", "农贸市场", "Market"),
        new("elderly_care", "养老", "Elderly care"),
        new("childcare", "托育", "Childcare"),
        new("park", "公园", "Park"));

    /// <summary>
    /// The 合规性审查 verdicts. Answers write a verdict by its Chinese name (the API's word since the first release);
    /// the viewer names it in English from this list.
    /// </summary>
    public static readonly CodeList ComplianceVerdicts = CodeList.Closed(
        new("compliant", "合规", "Compliant"),
        new("conflicting", "存在冲突", "Conflicts found"),
        new("needs_attention", "需关注", "Needs attention"),
        new("outside_district", "不在开州区内", "Outside Kaizhou district"));

    /// <summary>How serious a compliance finding is: the codes are the answers' <c>severity</c>, the names their <c>severityLabel</c>.</summary>
    public static readonly CodeList ComplianceSeverities = CodeList.Closed(
        new("conflict", "冲突", "Conflict"),
        new("warning", "警示", "Warning"));

    /// <summary>Where a position came from and how far to trust it; carried by every feature (data honesty).</summary>
    private static readonly PropertyDefinition[] Honesty =
    [
        new("source", PropertyType.Text, "数据来源", "Source"),
        new("location_precision", PropertyType.Text, "位置精度", "Position precision", Codes: LocationPrecisions),
        new("illustrative", PropertyType.Boolean, "示意数据", "Illustrative"),
    ];

    public static readonly CollectionDefinition Projects = new(
        "projects", "projects.geojson", GeometryKind.PointOrPolygon,
        "重大项目", "Major projects",
        "《开州区“小县大城”试点工作方案》附件4所列35个重大项目（单位：万元）",
        [
            new("name", PropertyType.Text, "项目名称", "Name"),
            new("owner", PropertyType.Text, "项目业主", "Owner"),
            new("funding", PropertyType.Text, "投资类别", "Funding", Codes: Fundings),
            new("period", PropertyType.Text, "建设年限", "Construction period"),
            new("start_year", PropertyType.Integer, "开工年份", "Start year"),
            new("end_year", PropertyType.Integer, "完工年份", "End year"),
            new("scope", PropertyType.Text, "主要建设内容及规模", "Scope"),
            new("investment_wan", PropertyType.Number, "计划总投资（万元）", "Planned investment (×10⁴ yuan)"),
            new("lead_unit", PropertyType.Text, "牵头单位", "Lead unit"),
            new("category", PropertyType.Text, "项目类别代码", "Group code", Codes: ProjectCategories),
            new("category_name", PropertyType.Text, "项目类别", "Group"),
            new("place", PropertyType.Text, "定位地点", "Placed at"),
            new("stated_area_m2", PropertyType.Number, "方案所述占地（平方米）", "Site area stated in the plan (m²)", Required: false),
            new("extent_text", PropertyType.Text, "占地原文", "Plan text on the site", Required: false),
            .. Honesty,
        ],
        Time: new("start_year", "end_year"),
        Editable: true);

    public static readonly CollectionDefinition Zones = new(
        "zones", "zones.geojson", GeometryKind.MultiPolygon,
        "试点片区", "Pilot zones",
        "环汉丰湖片区、浦里高新区、重点集镇与农民搬迁安置区",
        [
            new("name", PropertyType.Text, "名称", "Name"),
            new("kind", PropertyType.Text, "类型", "Kind", Codes: ZoneKinds),
            new("capacity_households", PropertyType.Integer, "安置容量（户）", "Capacity (households)", Required: false),
            new("township_code", PropertyType.Text, "所在乡镇代码", "Township code", Required: false),
            new("plan_text", PropertyType.Text, "方案原文", "Plan text", Required: false),
            .. Honesty,
        ],
        Editable: true);

    public static readonly CollectionDefinition District = new(
        "district", "district.geojson", GeometryKind.MultiPolygon,
        "开州区界", "District boundary",
        "开州区行政区域界线（由GCJ-02转换，非法定界线）",
        [
            new("name", PropertyType.Text, "名称", "Name"),
            new("adcode", PropertyType.Integer, "行政区划代码", "Admin code"),
            new("area_note", PropertyType.Text, "面积说明", "Area note", Required: false),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Townships = new(
        "townships", "townships.geojson", GeometryKind.Point,
        "乡镇（街道）驻地", "Township seats",
        "开州区40个乡镇（街道）及其驻地位置（统计用区划代码）",
        [
            new("code", PropertyType.Text, "统计用区划代码", "Statistical area code"),
            new("name", PropertyType.Text, "名称", "Name"),
            new("type", PropertyType.Text, "类型", "Type", Codes: TownshipTypes),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Parcels = new(
        "parcels", "parcels.geojson", GeometryKind.MultiPolygon,
        "地块", "Land parcels",
        "片区内地块及其三调地类",
        [
            new("land_use_code", PropertyType.Text, "地类编码", "Land-use code", Codes: LandUses),
            new("land_use", PropertyType.Text, "地类名称", "Land use"),
            new("area_m2", PropertyType.Number, "面积（平方米）", "Area (m²)"),
            new("township_code", PropertyType.Text, "所在乡镇代码", "Township code"),
            new("zone_id", PropertyType.Integer, "所在片区", "Zone", Required: false),
            .. Honesty,
        ],
        Editable: true);

    public static readonly CollectionDefinition RelocationFlows = new(
        "relocation_flows", "relocation_flows.geojson", GeometryKind.LineString,
        "搬迁流向", "Relocation flows",
        "农民搬迁：迁出地至安置区",
        [
            new("origin_code", PropertyType.Text, "迁出地代码", "Origin code"),
            new("origin_name", PropertyType.Text, "迁出地", "Origin"),
            new("destination_zone", PropertyType.Integer, "安置区编号", "Destination zone no."),
            new("destination_name", PropertyType.Text, "安置区", "Destination"),
            new("households", PropertyType.Integer, "户数", "Households"),
            new("persons", PropertyType.Integer, "人数", "Persons"),
            new("year", PropertyType.Integer, "年份", "Year"),
            new("reason", PropertyType.Text, "搬迁原因", "Reason", Codes: RelocationReasons),
            .. Honesty,
        ],
        Time: new("year", "year"),
        Editable: true);

    public static readonly CollectionDefinition Constraints = new(
        "constraints", "constraints.geojson", GeometryKind.MultiPolygon,
        "管控边界", "Planning constraints",
        "永久基本农田、生态保护红线、城镇开发边界、地质灾害隐患区",
        [
            new("kind", PropertyType.Text, "类型", "Kind", Codes: ConstraintKinds),
            new("name", PropertyType.Text, "名称", "Name"),
            .. Honesty,
        ],
        Editable: true);

    public static readonly CollectionDefinition Facilities = new(
        "facilities", "facilities.geojson", GeometryKind.Point,
        "公共服务设施", "Public facilities",
        "一刻钟便民生活圈设施：学校、医疗、市场、养老、托育、公园；及区内火车站（OpenStreetMap）",
        [
            new("kind", PropertyType.Text, "类型", "Kind", Codes: FacilityKinds),
            new("name", PropertyType.Text, "名称", "Name"),
            new("planned", PropertyType.Boolean, "方案新建", "Built by the plan"),
            new("project_id", PropertyType.Integer, "所属项目", "Project no.", Required: false),
            .. Honesty,
        ],
        Editable: true);

    public static readonly CollectionDefinition Indicators = new(
        "indicators", "indicators.csv", GeometryKind.None,
        "主要指标", "Indicators",
        "附件1 “小县大城”试点主要指标（2025年目标）",
        [
            new("name", PropertyType.Text, "指标名称", "Indicator"),
            new("target_text", PropertyType.Text, "2025年目标", "Target for 2025"),
            new("comparator", PropertyType.Text, "比较方式", "Comparison", Codes: Comparators),
            new("target_value", PropertyType.Number, "目标值", "Target value"),
            new("target_unit", PropertyType.Text, "单位", "Unit", Required: false),
            new("lead_unit", PropertyType.Text, "区级牵头单位", "District lead unit"),
            new("remarks", PropertyType.Text, "备注", "Remarks", Required: false),
        ],
        CsvIdColumn: "id");

    public static readonly CollectionDefinition Policies = new(
        "policies", "policies.csv", GeometryKind.None,
        "重大政策", "Policies",
        "附件2 “小县大城”试点重大政策清单",
        [
            new("text", PropertyType.Text, "重大政策", "Policy"),
            new("lead_unit", PropertyType.Text, "区级牵头单位", "District lead unit"),
            new("remarks", PropertyType.Text, "备注", "Remarks", Required: false),
        ],
        CsvIdColumn: "id");

    public static readonly CollectionDefinition Reforms = new(
        "reforms", "reforms.csv", GeometryKind.None,
        "重大改革", "Reforms",
        "附件3 “小县大城”试点重大改革清单",
        [
            new("text", PropertyType.Text, "重大改革", "Reform"),
            new("lead_unit", PropertyType.Text, "区级牵头单位", "District lead unit"),
            new("remarks", PropertyType.Text, "备注", "Remarks", Required: false),
        ],
        CsvIdColumn: "id");

    public static readonly CollectionDefinition Milestones = new(
        "milestones", "milestones.csv", GeometryKind.None,
        "进度安排", "Milestones",
        "五、进度安排：倒计时节点",
        [
            new("due_date", PropertyType.Date, "截止日期", "Due date"),
            new("due_text", PropertyType.Text, "时间节点", "Time point"),
            new("deliverable", PropertyType.Text, "工作成果", "Deliverable"),
        ],
        CsvIdColumn: "id",
        Time: new("due_date", "due_date"));

    public static readonly IReadOnlyList<CollectionDefinition> All =
    [
        Projects, Zones, District, Townships, Parcels, RelocationFlows, Constraints, Facilities,
        Indicators, Policies, Reforms, Milestones,
    ];

    public static CollectionDefinition? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
