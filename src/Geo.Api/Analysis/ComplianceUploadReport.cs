using System.Text;
using Geo.Core.Analysis;
using Geo.Core.Formats;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 合规性审查 of an uploaded file: per 地块 the verdict and the findings with their areas.</summary>
internal sealed class ComplianceUploadReport : UploadReport<ComplianceResult>
{
    public static readonly ComplianceUploadReport Instance = new();

    protected override string Title => "合规性审查（上传文件）";

    protected override string SummaryHeader => "<th>结论</th><th>冲突与警示</th>";

    protected override string Name(ImportedLayer layer, ImportedFeature feature, ComplianceResult result) => result.Subject.Name;

    protected override AreaFigures Area(ComplianceResult result) => result.Subject.Area;

    protected override SvgMap Draw(SvgMap map, ComplianceResult result, string? label) => ComplianceReport.Draw(map, result, label);

    protected override string SummaryCells(ComplianceResult result) =>
        $"<td>{E(result.Verdict)}</td><td>{(result.Findings.Count == 0 ? "无" : string.Join("；", result.Findings.Select(f => $"{E(f.SeverityLabel)} {E(f.KindLabel)} {E(f.Area.SquareMetres)} m²")))}</td>";

    protected override void AppendSection(StringBuilder body, ComplianceResult result) => ComplianceReport.AppendFindings(body, result, "h3");
}
