namespace Geo.Api.Analysis;

/// <summary>Where the figures come from; every answer and report carries it, because most of the data are drawn by hand.</summary>
internal static class DataNote
{
    public const string Text =
        "数据来源：《重庆市开州区“小县大城”试点工作方案》（开州府办，2024-07-30）附件；区界为高德展示边界（非法定界线）。"
        + "项目位置、片区、地块、管控边界、设施和搬迁流向均为示意数据（示意，illustrative），不得作为审批依据。"
        + "面积按 CGCS2000 / 3度带高斯-克吕格 CM 108E（EPSG:4545）计算，1 亩 = 10000/15 平方米。";

    /// <summary>The same note for the English report.</summary>
    public const string En =
        "Sources: the attachments of the Kaizhou District \"small county, big city\" pilot work plan (Kaizhou district government office, 2024-07-30); "
        + "the district boundary is Amap's display boundary (not a legal boundary). "
        + "Project positions, zones, parcels, control lines, facilities and relocation flows are schematic data (illustrative) and must not be used as grounds for approval. "
        + "Areas are computed in CGCS2000 / 3-degree Gauss-Kruger CM 108E (EPSG:4545); 1 mu = 10000/15 m².";
}
