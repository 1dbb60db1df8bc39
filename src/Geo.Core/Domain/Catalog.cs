namespace Geo.Core.Domain;

/// <summary>
/// Every collection the service knows. File and property names are a contract shared with gis-data/README.md and the
/// PostGIS migrations (a test compares the migrated schema with this list): add properties freely, rename none.
/// </summary>
public static class Catalog
{
    public static readonly IReadOnlyList<string> LocationPrecisions = ["surveyed", "sourced_point", "approximate", "schematic"];
    public static readonly IReadOnlyList<string> ProjectCategories = ["resettlement", "industry", "employment", "public_service", "municipal"];
    public static readonly IReadOnlyList<string> Fundings = ["政府", "市场"];
    public static readonly IReadOnlyList<string> ZoneKinds = ["pilot_area", "high_tech_zone", "key_town", "resettlement"];
    public static readonly IReadOnlyList<string> ConstraintKinds = ["permanent_farmland", "ecological_redline", "urban_boundary", "geohazard"];
    public static readonly IReadOnlyList<string> FacilityKinds = ["school", "clinic", "hospital", "market", "elderly_care", "childcare", "park", "railway_station"];
    public static readonly IReadOnlyList<string> RelocationReasons = ["地质灾害", "生态", "重大工程", "自愿搬迁", "高山远山"];
    public static readonly IReadOnlyList<string> TownshipTypes = ["街道", "镇", "乡"];
    public static readonly IReadOnlyList<string> Comparators = [">=", "<=", "=", "~"];

    /// <summary>Where a position came from and how far to trust it; carried by every feature (data honesty).</summary>
    private static readonly PropertyDefinition[] Honesty =
    [
        new("source", PropertyType.Text, "数据来源"),
        new("location_precision", PropertyType.Text, "位置精度", AllowedValues: LocationPrecisions),
        new("illustrative", PropertyType.Boolean, "示意数据"),
    ];

    public static readonly CollectionDefinition Projects = new(
        "projects", "projects.geojson", GeometryKind.PointOrPolygon,
        "重大项目", "Major projects",
        "《开州区“小县大城”试点工作方案》附件4所列35个重大项目（单位：万元）",
        [
            new("name", PropertyType.Text, "项目名称"),
            new("owner", PropertyType.Text, "项目业主"),
            new("funding", PropertyType.Text, "投资类别", AllowedValues: Fundings),
            new("period", PropertyType.Text, "建设年限"),
            new("start_year", PropertyType.Integer, "开工年份"),
            new("end_year", PropertyType.Integer, "完工年份"),
            new("scope", PropertyType.Text, "主要建设内容及规模"),
            new("investment_wan", PropertyType.Number, "计划总投资（万元）"),
            new("lead_unit", PropertyType.Text, "牵头单位"),
            new("category", PropertyType.Text, "项目类别代码", AllowedValues: ProjectCategories),
            new("category_name", PropertyType.Text, "项目类别"),
            new("place", PropertyType.Text, "定位地点"),
            new("stated_area_m2", PropertyType.Number, "方案所述占地（平方米）", Required: false),
            new("extent_text", PropertyType.Text, "占地原文", Required: false),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Zones = new(
        "zones", "zones.geojson", GeometryKind.MultiPolygon,
        "试点片区", "Pilot zones",
        "环汉丰湖片区、浦里高新区、重点集镇与农民搬迁安置区",
        [
            new("name", PropertyType.Text, "名称"),
            new("kind", PropertyType.Text, "类型", AllowedValues: ZoneKinds),
            new("capacity_households", PropertyType.Integer, "安置容量（户）", Required: false),
            new("township_code", PropertyType.Text, "所在乡镇代码", Required: false),
            new("plan_text", PropertyType.Text, "方案原文", Required: false),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition District = new(
        "district", "district.geojson", GeometryKind.MultiPolygon,
        "开州区界", "District boundary",
        "开州区行政区域界线（由GCJ-02转换，非法定界线）",
        [
            new("name", PropertyType.Text, "名称"),
            new("adcode", PropertyType.Integer, "行政区划代码"),
            new("area_note", PropertyType.Text, "面积说明", Required: false),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Townships = new(
        "townships", "townships.geojson", GeometryKind.Point,
        "乡镇（街道）驻地", "Township seats",
        "开州区40个乡镇（街道）及其驻地位置（统计用区划代码）",
        [
            new("code", PropertyType.Text, "统计用区划代码"),
            new("name", PropertyType.Text, "名称"),
            new("type", PropertyType.Text, "类型", AllowedValues: TownshipTypes),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Parcels = new(
        "parcels", "parcels.geojson", GeometryKind.MultiPolygon,
        "地块", "Land parcels",
        "片区内地块及其三调地类",
        [
            new("land_use_code", PropertyType.Text, "地类编码"),
            new("land_use", PropertyType.Text, "地类名称"),
            new("area_m2", PropertyType.Number, "面积（平方米）"),
            new("township_code", PropertyType.Text, "所在乡镇代码"),
            new("zone_id", PropertyType.Integer, "所在片区", Required: false),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition RelocationFlows = new(
        "relocation_flows", "relocation_flows.geojson", GeometryKind.LineString,
        "搬迁流向", "Relocation flows",
        "农民搬迁：迁出地至安置区",
        [
            new("origin_code", PropertyType.Text, "迁出地代码"),
            new("origin_name", PropertyType.Text, "迁出地"),
            new("destination_zone", PropertyType.Integer, "安置区编号"),
            new("destination_name", PropertyType.Text, "安置区"),
            new("households", PropertyType.Integer, "户数"),
            new("persons", PropertyType.Integer, "人数"),
            new("year", PropertyType.Integer, "年份"),
            new("reason", PropertyType.Text, "搬迁原因", AllowedValues: RelocationReasons),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Constraints = new(
        "constraints", "constraints.geojson", GeometryKind.MultiPolygon,
        "管控边界", "Planning constraints",
        "永久基本农田、生态保护红线、城镇开发边界、地质灾害隐患区",
        [
            new("kind", PropertyType.Text, "类型", AllowedValues: ConstraintKinds),
            new("name", PropertyType.Text, "名称"),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Facilities = new(
        "facilities", "facilities.geojson", GeometryKind.Point,
        "公共服务设施", "Public facilities",
        "一刻钟便民生活圈设施：学校、医疗、市场、养老、托育、公园；及区内火车站（OpenStreetMap）",
        [
            new("kind", PropertyType.Text, "类型", AllowedValues: FacilityKinds),
            new("name", PropertyType.Text, "名称"),
            new("planned", PropertyType.Boolean, "方案新建"),
            new("project_id", PropertyType.Integer, "所属项目", Required: false),
            .. Honesty,
        ]);

    public static readonly CollectionDefinition Indicators = new(
        "indicators", "indicators.csv", GeometryKind.None,
        "主要指标", "Indicators",
        "附件1 “小县大城”试点主要指标（2025年目标）",
        [
            new("name", PropertyType.Text, "指标名称"),
            new("target_text", PropertyType.Text, "2025年目标"),
            new("comparator", PropertyType.Text, "比较方式", AllowedValues: Comparators),
            new("target_value", PropertyType.Number, "目标值"),
            new("target_unit", PropertyType.Text, "单位", Required: false),
            new("lead_unit", PropertyType.Text, "区级牵头单位"),
            new("remarks", PropertyType.Text, "备注", Required: false),
        ],
        CsvIdColumn: "id");

    public static readonly CollectionDefinition Policies = new(
        "policies", "policies.csv", GeometryKind.None,
        "重大政策", "Policies",
        "附件2 “小县大城”试点重大政策清单",
        [
            new("text", PropertyType.Text, "重大政策"),
            new("lead_unit", PropertyType.Text, "区级牵头单位"),
            new("remarks", PropertyType.Text, "备注", Required: false),
        ],
        CsvIdColumn: "id");

    public static readonly CollectionDefinition Reforms = new(
        "reforms", "reforms.csv", GeometryKind.None,
        "重大改革", "Reforms",
        "附件3 “小县大城”试点重大改革清单",
        [
            new("text", PropertyType.Text, "重大改革"),
            new("lead_unit", PropertyType.Text, "区级牵头单位"),
            new("remarks", PropertyType.Text, "备注", Required: false),
        ],
        CsvIdColumn: "id");

    public static readonly CollectionDefinition Milestones = new(
        "milestones", "milestones.csv", GeometryKind.None,
        "进度安排", "Milestones",
        "五、进度安排：倒计时节点",
        [
            new("due_date", PropertyType.Date, "截止日期"),
            new("due_text", PropertyType.Text, "时间节点"),
            new("deliverable", PropertyType.Text, "工作成果"),
        ],
        CsvIdColumn: "id");

    public static readonly IReadOnlyList<CollectionDefinition> All =
    [
        Projects, Zones, District, Townships, Parcels, RelocationFlows, Constraints, Facilities,
        Indicators, Policies, Reforms, Milestones,
    ];

    public static CollectionDefinition? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
