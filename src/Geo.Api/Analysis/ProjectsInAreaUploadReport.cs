using System.Text;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 范围内项目 statistics of an uploaded file: per 地块 the projects inside and their investment.</summary>
internal sealed class ProjectsInAreaUploadReport : UploadReport<ProjectsInAreaResult>
{
    public static readonly ProjectsInAreaUploadReport Instance = new();

    protected override string Title(ReportText text) => text.ProjectsUploadTitle;

    protected override IEnumerable<string> SummaryHeaders(ReportText text) => [text.ProjectCount, text.Field(Catalog.Projects, "investment_wan"), text.ApportionedWan];

    protected override AreaFigures Area(ProjectsInAreaResult result) => result.Area.Area;

    protected override SvgMap Draw(SvgMap map, ProjectsInAreaResult result, string? label) => ProjectsInAreaReport.Draw(map, result, label);

    protected override string SummaryCells(ProjectsInAreaResult result, ReportText text) =>
        $"<td class=\"n\">{result.Summary.Count}</td><td class=\"n\">{E(result.Summary.TotalWan)}</td><td class=\"n\">{E(result.Summary.ApportionedTotalWan)}</td>";

    protected override void AppendSection(StringBuilder body, ProjectsInAreaResult result, ReportText text) => ProjectsInAreaReport.AppendBody(body, result, "h3", text);
}
