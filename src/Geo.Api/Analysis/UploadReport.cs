using System.Globalization;
using System.Text;
using Geo.Core.Formats;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>
/// One printable report of an analysis of an uploaded file: the file and its CRS, an overview map of every 地块, a
/// summary table with one row per 地块 (number, name, area in m²/公顷/亩, then the analysis' own columns), and a
/// section per 地块 (its map and the analysis' body), each starting a printed page.
/// </summary>
internal abstract class UploadReport<T>
{
    /// <summary>Where a 地块's number is: the 报盘 TXT header, then the usual attribute names of Chinese shapefiles.</summary>
    private static readonly string[] NumberFields = ["地块编号", "编号", "DKBH", "BSM", "id", "ID"];

    protected abstract string Title(ReportText text);

    /// <summary>The titles of the analysis' own summary columns.</summary>
    protected abstract IEnumerable<string> SummaryHeaders(ReportText text);

    protected abstract AreaFigures Area(T result);

    /// <summary>Draws one result (its subject labelled <paramref name="label"/>) on a map.</summary>
    protected abstract SvgMap Draw(SvgMap map, T result, string? label);

    /// <summary>The analysis' own summary cells (<c>&lt;td&gt;</c>) of one 地块.</summary>
    protected abstract string SummaryCells(T result, ReportText text);

    /// <summary>A 地块's section after its map and area: the analysis' figures under <c>h3</c> headings.</summary>
    protected abstract void AppendSection(StringBuilder body, T result, ReportText text);

    public string Html(UploadedResults<T> upload, ReportBackdrop backdrop, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(backdrop);
        ArgumentNullException.ThrowIfNull(text);
        var overview = backdrop.DrawOn(new SvgMap());
        var rows = upload.Results.Select((r, i) => (Number: (i + 1).ToString(CultureInfo.InvariantCulture), r.Feature, r.Result, Name: Compliance.FeatureName(r.Feature) ?? text.Text(Compliance.RowOf(upload.Layer, r.Feature)))).ToList();
        foreach (var (number, _, result, _) in rows)
        {
            Draw(overview, result, number);
        }

        var body = new StringBuilder();
        upload.AppendFile(body, text);
        body.Append(Heading("h2", text.SummaryHeading)).Append("<table class=\"summary\"><tr>")
            .Append(Headers([text.Number, .. text.ParcelHeaders, .. text.AreaHeaders, .. SummaryHeaders(text)])).Append("</tr>");
        foreach (var (number, feature, result, name) in rows)
        {
            body.Append("<tr class=\"parcel\"><td class=\"n\"><a href=\"#parcel-").Append(number).Append("\">").Append(number).Append("</a></td><td>")
                .Append(E(ParcelNumber(feature))).Append("</td><td>").Append(E(name)).Append("</td>").Append(AreaCells(Area(result)))
                .Append(SummaryCells(result, text)).Append("</tr>");
        }

        body.Append("</table>");
        foreach (var (number, feature, result, name) in rows)
        {
            body.Append("<section class=\"parcel\" id=\"parcel-").Append(number).Append("\">")
                .Append(Heading("h2", $"{number}. {ParcelNumber(feature)} {name}"))
                .Append(Draw(backdrop.DrawOn(new SvgMap()), result, name).Render(text))
                .Append("<p>").Append(E(text.Text(Compliance.RowOf(upload.Layer, feature)))).Append(E(text.Comma)).Append(AreaText(text, Area(result))).Append("</p>");
            AppendSection(body, result, text);
            body.Append("</section>");
        }

        return Page(text, Title(text), upload.ComputedAt, overview.Render(text), body.ToString());
    }

    private static string ParcelNumber(ImportedFeature feature) =>
        NumberFields.Select(key => feature.Properties.GetValueOrDefault(key)).FirstOrDefault(v => v is not null and not "")?.ToString() ?? "—";
}
