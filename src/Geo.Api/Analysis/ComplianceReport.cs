using System.Text;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>The printable 合规性审查 report: map of the subject and its conflicts, the verdict and each finding's area.</summary>
internal static class ComplianceReport
{
    public static string Html(ComplianceResult result, ReportBackdrop backdrop, ReportText text)
    {
        var s = result.Subject;
        var body = new StringBuilder();
        body.Append(Heading("h2", text.SubjectHeading)).Append("<p>").Append(E(s.Collection)).Append(' ').Append(E(s.Id)).Append(' ').Append(E(text.SubjectName(s)))
            .Append(' ').Append(Mark(text)).Append(E(text.Comma));
        AppendFindings(body.Append(AreaText(text, s.Area)).Append("</p>"), result, "h2", text);
        return Page(text, text.ComplianceTitle, result.ComputedAt, Map(result, backdrop, text), body.ToString());
    }

    public static string Map(ComplianceResult result, ReportBackdrop backdrop, ReportText text) =>
        Draw(backdrop.DrawOn(new SvgMap()), result, text.SubjectName(result.Subject)).Render(text);

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
    public static StringBuilder AppendFindings(StringBuilder body, ComplianceResult result, string heading, ReportText text)
    {
        foreach (var note in result.Notes)
        {
            body.Append(Note(text.Text(note)));
        }

        body.Append(Heading(heading, text.VerdictHeading + text.VerdictName(result.Verdict)));
        body.Append("<table><tr>").Append(Headers([.. text.FindingHeaders, .. text.AreaHeaders, text.ShareOfSubject])).Append("</tr>");
        foreach (var f in result.Findings)
        {
            body.Append("<tr><td>").Append(E(text.SeverityName(f))).Append("</td><td>").Append(E(text.Code(Catalog.ConstraintKinds, f.Kind))).Append(' ').Append(E(f.ConstraintName))
                .Append("</td><td>").Append(E(text.Description(f))).Append("</td>").Append(AreaCells(f.Area)).Append("<td class=\"n\">")
                .Append(Percent(f.ShareOfSubject)).Append("</td></tr>");
        }

        if (result.Findings.Count == 0)
        {
            body.Append("<tr><td colspan=\"7\">").Append(E(text.NoConflicts)).Append("</td></tr>");
        }

        return body.Append("</table>");
    }

    /// <summary>One 地块's findings in a summary cell: severity, kind and area of each, or none.</summary>
    public static string FindingsInBrief(ComplianceResult result, ReportText text) =>
        result.Findings.Count == 0 ? E(text.None)
            : string.Join(text.ListSeparator, result.Findings.Select(f => $"{E(text.SeverityName(f))} {E(text.Code(Catalog.ConstraintKinds, f.Kind))} {E(f.Area.SquareMetres)} m²"));
}
