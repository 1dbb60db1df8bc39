namespace Geo.Core.Analysis;

/// <summary>The Chinese names staff use for the catalog's English codes (constraint and zone kinds, facility kinds).</summary>
public static class Labels
{
    public const string PermanentFarmland = "permanent_farmland";
    public const string EcologicalRedline = "ecological_redline";
    public const string UrbanBoundary = "urban_boundary";
    public const string Geohazard = "geohazard";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [PermanentFarmland] = "永久基本农田",
        [EcologicalRedline] = "生态保护红线",
        [UrbanBoundary] = "城镇开发边界",
        [Geohazard] = "地质灾害隐患区",
        ["pilot_area"] = "试点片区",
        ["high_tech_zone"] = "高新区",
        ["key_town"] = "重点集镇",
        ["resettlement"] = "搬迁安置区",
        ["school"] = "学校",
        ["clinic"] = "诊所/卫生院",
        ["hospital"] = "医院",
        ["clinic_or_hospital"] = "医疗（诊所或医院）",
        ["market"] = "农贸市场",
        ["elderly_care"] = "养老",
        ["childcare"] = "托育",
        ["park"] = "公园",
        ["railway_station"] = "火车站",
    };

    public static string Of(string code) => Names.GetValueOrDefault(code, code);
}
