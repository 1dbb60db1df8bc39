using System.Globalization;
using System.Net;
using System.Text;

namespace Geo.Api.Analysis;

/// <summary>The frame of a printable report: title, date, the 示意 mark, the map, the body, the data-source note.</summary>
internal static class HtmlReport
{
    public static string Page(ReportText text, string title, DateTimeOffset computedAt, string map, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(text.HtmlLang).Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>");
        html.Append("<style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:24px;color:#222}")
            .Append("table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #999;padding:3px 8px;font-size:13px}")
            .Append("td.n{text-align:right}.mark{color:#b00;font-weight:bold;border:2px solid #b00;padding:0 6px}")
            .Append(".note{font-size:12px;color:#555}@media print{.noprint{display:none}section.parcel{break-before:page}}</style></head><body>");
        html.Append("<h1>").Append(E(title)).Append(' ').Append(Mark(text)).Append("</h1>");
        html.Append("<p>").Append(E(text.GeneratedAt)).Append(E(computedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
            .Append(E(text.BeijingTime)).Append("</p>");
        html.Append(map).Append(body);
        html.Append("<p class=\"note\">").Append(E(text.DataNote)).Append("</p></body></html>");
        return html.ToString();
    }

    /// <summary>The 示意 mark on everything drawn by hand.</summary>
    public static string Mark(ReportText text) => $"<span class=\"mark\">{E(text.Schematic)}</span>";

    public static string E(object? value) => WebUtility.HtmlEncode(value switch
    {
        null => string.Empty,
        double d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    }) ?? string.Empty;

    public static string AreaCells(AreaFigures? area) =>
        area is null ? "<td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td>"
            : $"<td class=\"n\">{E(area.SquareMetres)}</td><td class=\"n\">{E(area.Hectares)}</td><td class=\"n\">{E(area.Mu)}</td>";

    /// <summary>Header cells, one per title.</summary>
    public static string Headers(params IEnumerable<string> titles) => string.Concat(titles.Select(t => $"<th>{E(t)}</th>"));

    public static string Heading(string element, string text) => $"<{element}>{E(text)}</{element}>";

    /// <summary>A note paragraph.</summary>
    public static string Note(string text) => $"<p class=\"note\">{E(text)}</p>";

    /// <summary>An area in running text: m², 公顷 and 亩 in the report's words.</summary>
    public static string AreaText(ReportText text, AreaFigures area) =>
        E(text.AreaText(Number(area.SquareMetres), Number(area.Hectares), Number(area.Mu)));

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
