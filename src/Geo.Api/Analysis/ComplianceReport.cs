using System.Text;
using Geo.Core.Analysis;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 合规性审查 report: map of the subject and its conflicts, the verdict and each finding's area.</summary>
internal static class ComplianceReport
{
    public static string Html(ComplianceResult result, ReportBackdrop backdrop)
    {
        var s = result.Subject;
        var body = new StringBuilder();
        body.Append("<h2>审查对象</h2><p>").Append(E(s.Collection)).Append(' ').Append(E(s.Id)).Append(' ').Append(E(s.Name))
            .Append(" <span class=\"mark\">示意</span>，");
        AppendFindings(body.Append(AreaText(s.Area)).Append("</p>"), result, "h2");
        return Page("合规性审查", result.ComputedAt, Map(result, backdrop), body.ToString());
    }

    public static string Map(ComplianceResult result, ReportBackdrop backdrop) => Draw(backdrop.DrawOn(new SvgMap()), result, result.Subject.Name).Render();

    /// <summary>The subject labelled <paramref name="label"/>, its conflicts in red and warnings in amber.</summary>
    public static SvgMap Draw(SvgMap map, ComplianceResult result, string? label)
    {
        map.Add(result.Subject.Geometry, "fill:#cfe3ff;fill-opacity:.6;stroke:#1f5fbf;stroke-width:1.5", label);
        foreach (var f in result.Findings)
        {
            map.Add(f.Geometry, f.Severity == Severity.Conflict ? "fill:#d62728;fill-opacity:.55;stroke:#8b0000" : "fill:#ffbf00;fill-opacity:.55;stroke:#a67c00");
        }

        return map;
    }

    /// <summary>The notes, the verdict as a <paramref name="heading"/> and the table of findings.</summary>
    public static StringBuilder AppendFindings(StringBuilder body, ComplianceResult result, string heading)
    {
        foreach (var note in result.Notes)
        {
            body.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
        }

        body.Append(Heading(heading, "结论：" + result.Verdict));
        body.Append("<table><tr><th>类型</th><th>管控边界</th><th>说明</th><th>面积（m²）</th><th>（公顷）</th><th>（亩）</th><th>占对象面积</th></tr>");
        foreach (var f in result.Findings)
        {
            body.Append("<tr><td>").Append(E(f.SeverityLabel)).Append("</td><td>").Append(E(f.KindLabel)).Append(' ').Append(E(f.ConstraintName))
                .Append("</td><td>").Append(E(f.Description)).Append("</td>").Append(AreaCells(f.Area)).Append("<td class=\"n\">")
                .Append(Percent(f.ShareOfSubject)).Append("</td></tr>");
        }

        if (result.Findings.Count == 0)
        {
            body.Append("<tr><td colspan=\"7\">未发现冲突</td></tr>");
        }

        return body.Append("</table>");
    }
}
