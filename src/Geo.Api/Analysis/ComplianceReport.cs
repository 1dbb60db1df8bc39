using System.Text;
using Geo.Core.Analysis;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 合规性审查 report: map of the subject and its conflicts, the verdict and each finding's area.</summary>
internal static class ComplianceReport
{
    public static string Html(ComplianceResult result, ReportBackdrop backdrop)
    {
        var map = backdrop.DrawOn(new SvgMap()).Add(result.Subject.Geometry, "fill:#cfe3ff;fill-opacity:.6;stroke:#1f5fbf;stroke-width:1.5", result.Subject.Name);
        foreach (var f in result.Findings)
        {
            map.Add(f.Geometry, f.Severity == Severity.Conflict ? "fill:#d62728;fill-opacity:.55;stroke:#8b0000" : "fill:#ffbf00;fill-opacity:.55;stroke:#a67c00");
        }

        var s = result.Subject;
        var body = new StringBuilder();
        body.Append("<h2>审查对象</h2><p>").Append(E(s.Collection)).Append(' ').Append(E(s.Id)).Append(' ').Append(E(s.Name))
            .Append(" <span class=\"mark\">示意</span>，面积 ").Append(E(s.Area.SquareMetres)).Append(" 平方米 / ").Append(E(s.Area.Hectares))
            .Append(" 公顷 / ").Append(E(s.Area.Mu)).Append(" 亩</p>");
        foreach (var note in result.Notes)
        {
            body.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
        }

        body.Append("<h2>结论：").Append(E(result.Verdict)).Append("</h2>");
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

        body.Append("</table>");
        return Page("合规性审查", result.ComputedAt, map.Render(), body.ToString());
    }
}
