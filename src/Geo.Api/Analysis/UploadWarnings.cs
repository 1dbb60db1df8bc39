using Geo.Core.Formats;

namespace Geo.Api.Analysis;

/// <summary>
/// What an analysis of an uploaded file warns about instead of refusing: features with no part in 开州区 are analysed
/// (their results are empty and say so) and named here, since a wrong CRS or axis order is the usual cause.
/// </summary>
internal static class UploadWarnings
{
    /// <summary>The warnings as answers write them (Chinese).</summary>
    public static IReadOnlyList<string> OutsideDistrict(ImportedLayer layer, IEnumerable<ImportedFeature> outside) =>
        ComplianceResponse.ChineseNotes(OutsideDistrictWordings(layer, outside));

    public static IReadOnlyList<Wording> OutsideDistrictWordings(ImportedLayer layer, IEnumerable<ImportedFeature> outside) =>
        [.. outside.Select(f => new Wording(
            $"{layer.File} 第 {f.Row} 行：不在开州区内，结果为空；请核对坐标系（{layer.SourceCrs.Title}，来自 {layer.CrsSource}）、坐标轴顺序或 from 参数",
            $"{layer.File} row {f.Row}: outside Kaizhou district, so the result is empty; check the CRS ({layer.SourceCrs.Title}, from {layer.CrsSource}), the axis order or the from parameter"))];
}
