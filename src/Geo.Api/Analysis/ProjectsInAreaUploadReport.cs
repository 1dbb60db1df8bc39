using System.Text;
using Geo.Core.Analysis;
using Geo.Core.Formats;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 范围内项目 statistics of an uploaded file: per 地块 the projects inside and their investment.</summary>
internal sealed class ProjectsInAreaUploadReport : UploadReport<ProjectsInAreaResult>
{
    public static readonly ProjectsInAreaUploadReport Instance = new();

    protected override string Title => "范围内重大项目统计（上传文件）";

    protected override string SummaryHeader => "<th>项目数</th><th>计划总投资（万元）</th><th>分摊后（万元）</th>";

    protected override string Name(ImportedLayer layer, ImportedFeature feature, ProjectsInAreaResult result) => Compliance.SubjectName(layer, feature);

    protected override AreaFigures Area(ProjectsInAreaResult result) => result.Area.Area;

    protected override SvgMap Draw(SvgMap map, ProjectsInAreaResult result, string? label) => ProjectsInAreaReport.Draw(map, result, label);

    protected override string SummaryCells(ProjectsInAreaResult result) =>
        $"<td class=\"n\">{result.Summary.Count}</td><td class=\"n\">{E(result.Summary.TotalWan)}</td><td class=\"n\">{E(result.Summary.ApportionedTotalWan)}</td>";

    protected override void AppendSection(StringBuilder body, ProjectsInAreaResult result) => ProjectsInAreaReport.AppendBody(body, result, "h3");
}
