using System.Text;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 合规性审查 of an uploaded file: per 地块 the verdict and the findings with their areas.</summary>
internal sealed class ComplianceUploadReport : UploadReport<ComplianceResult>
{
    public static readonly ComplianceUploadReport Instance = new();

    protected override string Title(ReportText text) => text.ComplianceUploadTitle;

    protected override IEnumerable<string> SummaryHeaders(ReportText text) => [text.Verdict, text.ConflictsAndWarnings];

    protected override AreaFigures Area(ComplianceResult result) => result.Subject.Area;

    protected override SvgMap Draw(SvgMap map, ComplianceResult result, string? label) => ComplianceReport.Draw(map, result, label);

    protected override string SummaryCells(ComplianceResult result, ReportText text) =>
        $"<td>{E(text.VerdictName(result.Verdict))}</td><td>{ComplianceReport.FindingsInBrief(result, text)}</td>";

    protected override void AppendSection(StringBuilder body, ComplianceResult result, ReportText text) => ComplianceReport.AppendFindings(body, result, "h3", text);
}
