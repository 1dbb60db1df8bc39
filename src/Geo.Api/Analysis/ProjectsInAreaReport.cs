using System.Globalization;
using System.Text;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 范围内项目 report: map of the area and projects, the project list and the summary tables.</summary>
internal static class ProjectsInAreaReport
{
    public static string Html(ProjectsInAreaResult result, ReportBackdrop backdrop, ReportText text) =>
        Page(text, text.ProjectsTitle, result.ComputedAt, Map(result, backdrop, text), AppendBody(new StringBuilder(), result, "h2", text).ToString());

    public static string Map(ProjectsInAreaResult result, ReportBackdrop backdrop, ReportText text) => Draw(backdrop.DrawOn(new SvgMap()), result, null).Render(text);

    /// <summary>The area (labelled <paramref name="label"/>) with the projects in it, labelled by 序号.</summary>
    public static SvgMap Draw(SvgMap map, ProjectsInAreaResult result, string? label)
    {
        map.Add(result.Area.Geometry, "fill:#cfe3ff;fill-opacity:.5;stroke:#1f5fbf;stroke-width:1.5", label);
        foreach (var p in result.Projects)
        {
            map.Add(p.Project.Geometry, p.Polygonal ? "fill:#f4a340;fill-opacity:.6;stroke:#a35400" : "fill:#d62728;stroke:#fff", p.Project.Id.ToString(CultureInfo.InvariantCulture));
        }

        return map;
    }

    /// <summary>The area, the summary and its breakdowns, and the project list, under <paramref name="heading"/>s.</summary>
    public static StringBuilder AppendBody(StringBuilder body, ProjectsInAreaResult result, string heading, ReportText text)
    {
        body.Append(Heading(heading, text.AreaHeading)).Append("<p>").Append(E(text.Text(result.Area.Description))).Append(E(text.Comma))
            .Append(AreaText(text, result.Area.Area)).Append("</p>");
        foreach (var note in result.Area.Notes)
        {
            body.Append(Note(text.Text(note)));
        }

        var summary = result.Summary;
        body.Append(Heading(heading, text.SummaryHeading)).Append("<p>")
            .Append(E(text.ProjectSummary(E(summary.Count), E(summary.TotalWan), E(summary.ApportionedTotalWan), E(summary.ApportionedCount)))).Append("</p>");
        var investment = text.Field(Catalog.Projects, "investment_wan");
        foreach (var (name, groups) in ProjectsInAreaExport.Groups(summary))
        {
            body.Append("<table><tr>").Append(Headers(text.GroupHeaders[name], text.ProjectCount, investment, text.ApportionedWan)).Append("</tr>");
            foreach (var g in groups)
            {
                body.Append("<tr><td>").Append(E(GroupLabel(name, g, text))).Append("</td><td class=\"n\">").Append(g.Count).Append("</td><td class=\"n\">")
                    .Append(E(g.TotalWan)).Append("</td><td class=\"n\">").Append(E(g.ApportionedWan)).Append("</td></tr>");
            }

            body.Append("</table>");
        }

        body.Append(Heading(heading, text.ProjectListHeading)).Append("<table><tr>")
            .Append(Headers([
                text.Number, .. new[] { "name", "category_name", "funding", "period", "lead_unit", "investment_wan" }.Select(p => text.Field(Catalog.Projects, p)),
                text.ShareInside, .. text.AreaInsideHeaders, text.CountedWan, text.Basis]))
            .Append("</tr>");
        foreach (var p in result.Projects)
        {
            body.Append("<tr><td>").Append(p.Project.Id).Append("</td><td>").Append(E(p.Project["name"])).Append(' ').Append(Mark(text)).Append("</td><td>")
                .Append(E(text.Code(Catalog.ProjectCategories, p.Category))).Append("</td><td>").Append(E(text.Code(Catalog.Fundings, p.Project["funding"]))).Append("</td><td>")
                .Append(E(p.Project["period"])).Append("</td><td>").Append(E(p.Project["lead_unit"])).Append("</td><td class=\"n\">")
                .Append(E(p.InvestmentWan)).Append("</td><td class=\"n\">").Append(Percent(p.ShareInside)).Append("</td>")
                .Append(AreaCells(p.AreaInside)).Append("<td class=\"n\">").Append(E(p.ApportionedInvestmentWan)).Append("</td><td>")
                .Append(E(p.Apportioned ? text.Apportioned : text.Whole)).Append("</td></tr>");
        }

        return body.Append("</table>");
    }

    /// <summary>
    /// A breakdown row's name: groups and fundings by the catalog's name of their code, start years in the report's
    /// words; lead units are proper names.
    /// </summary>
    private static string GroupLabel(string breakdown, SummaryGroup group, ReportText text) => breakdown switch
    {
        "by_group" => text.Code(Catalog.ProjectCategories, group.Key),
        "by_funding" => text.Code(Catalog.Fundings, group.Key),
        "by_start_year" => text.StartYear(group.Key),
        _ => group.Label,
    };
}
