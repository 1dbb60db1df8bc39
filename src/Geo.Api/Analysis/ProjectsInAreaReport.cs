using System.Text;
using Geo.Core.Analysis;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 范围内项目 report: map of the area and projects, the project list and the summary tables.</summary>
internal static class ProjectsInAreaReport
{
    public static string Html(ProjectsInAreaResult result, ReportBackdrop backdrop) =>
        Page("范围内重大项目统计", result.ComputedAt, Map(result, backdrop), AppendBody(new StringBuilder(), result, "h2").ToString());

    public static string Map(ProjectsInAreaResult result, ReportBackdrop backdrop) => Draw(backdrop.DrawOn(new SvgMap()), result, null).Render();

    /// <summary>The area (labelled <paramref name="label"/>) with the projects in it, labelled by 序号.</summary>
    public static SvgMap Draw(SvgMap map, ProjectsInAreaResult result, string? label)
    {
        map.Add(result.Area.Geometry, "fill:#cfe3ff;fill-opacity:.5;stroke:#1f5fbf;stroke-width:1.5", label);
        foreach (var p in result.Projects)
        {
            map.Add(p.Project.Geometry, p.Polygonal ? "fill:#f4a340;fill-opacity:.6;stroke:#a35400" : "fill:#d62728;stroke:#fff", p.Project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return map;
    }

    /// <summary>The area, the summary and its breakdowns, and the project list, under <paramref name="heading"/>s.</summary>
    public static StringBuilder AppendBody(StringBuilder body, ProjectsInAreaResult result, string heading)
    {
        body.Append(Heading(heading, "范围")).Append("<p>").Append(E(result.Area.Description)).Append('，').Append(AreaText(result.Area.Area)).Append("</p>");
        foreach (var note in result.Area.Notes)
        {
            body.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
        }

        body.Append(Heading(heading, "汇总")).Append("<p>项目 ").Append(result.Summary.Count).Append(" 个，计划总投资 ").Append(E(result.Summary.TotalWan))
            .Append(" 万元；按范围内面积分摊后 ").Append(E(result.Summary.ApportionedTotalWan)).Append(" 万元（分摊项目 ")
            .Append(result.Summary.ApportionedCount).Append(" 个）。</p>");
        foreach (var (name, groups) in ProjectsInAreaExport.Groups(result.Summary))
        {
            body.Append("<table><tr><th>").Append(E(name switch
            {
                "by_group" => "按类别",
                "by_funding" => "按投资类别",
                "by_start_year" => "按开工年份",
                _ => "按牵头单位",
            })).Append("</th><th>项目数</th><th>计划总投资（万元）</th><th>分摊后（万元）</th></tr>");
            foreach (var g in groups)
            {
                body.Append("<tr><td>").Append(E(g.Label)).Append("</td><td class=\"n\">").Append(g.Count).Append("</td><td class=\"n\">")
                    .Append(E(g.TotalWan)).Append("</td><td class=\"n\">").Append(E(g.ApportionedWan)).Append("</td></tr>");
            }

            body.Append("</table>");
        }

        body.Append(Heading(heading, "项目清单")).Append("<table><tr><th>序号</th><th>项目名称</th><th>类别</th><th>投资类别</th><th>建设年限</th><th>牵头单位</th>")
            .Append("<th>计划总投资（万元）</th><th>范围内占比</th><th>范围内面积（m²）</th><th>（公顷）</th><th>（亩）</th><th>计入投资（万元）</th><th>口径</th></tr>");
        foreach (var p in result.Projects)
        {
            body.Append("<tr><td>").Append(p.Project.Id).Append("</td><td>").Append(E(p.Project["name"])).Append(" <span class=\"mark\">示意</span></td><td>")
                .Append(E(p.Project["category_name"])).Append("</td><td>").Append(E(p.Project["funding"])).Append("</td><td>")
                .Append(E(p.Project["period"])).Append("</td><td>").Append(E(p.Project["lead_unit"])).Append("</td><td class=\"n\">")
                .Append(E(p.InvestmentWan)).Append("</td><td class=\"n\">").Append(Percent(p.ShareInside)).Append("</td>")
                .Append(AreaCells(p.AreaInside)).Append("<td class=\"n\">").Append(E(p.ApportionedInvestmentWan)).Append("</td><td>")
                .Append(E(p.Apportioned ? ProjectsInAreaExport.Apportioned : ProjectsInAreaExport.Whole)).Append("</td></tr>");
        }

        return body.Append("</table>");
    }
}
