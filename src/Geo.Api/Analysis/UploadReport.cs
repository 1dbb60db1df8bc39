using System.Globalization;
using System.Text;
using Geo.Core.Analysis;
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

    protected abstract string Title { get; }

    /// <summary>The analysis' own summary columns (<c>&lt;th&gt;</c> cells).</summary>
    protected abstract string SummaryHeader { get; }

    protected abstract string Name(ImportedLayer layer, ImportedFeature feature, T result);

    protected abstract AreaFigures Area(T result);

    /// <summary>Draws one result (its subject labelled <paramref name="label"/>) on a map.</summary>
    protected abstract SvgMap Draw(SvgMap map, T result, string? label);

    /// <summary>The analysis' own summary cells (<c>&lt;td&gt;</c>) of one 地块.</summary>
    protected abstract string SummaryCells(T result);

    /// <summary>A 地块's section after its map and area: the analysis' figures under <c>h3</c> headings.</summary>
    protected abstract void AppendSection(StringBuilder body, T result);

    public string Html(UploadedResults<T> upload, ReportBackdrop backdrop)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(backdrop);
        var overview = backdrop.DrawOn(new SvgMap());
        var rows = upload.Results.Select((r, i) => (Number: (i + 1).ToString(CultureInfo.InvariantCulture), r.Feature, r.Result, Name: Name(upload.Layer, r.Feature, r.Result))).ToList();
        foreach (var (number, _, result, _) in rows)
        {
            Draw(overview, result, number);
        }

        var body = new StringBuilder();
        upload.AppendFile(body);
        body.Append("<h2>汇总</h2><table class=\"summary\"><tr><th>序号</th><th>地块编号</th><th>地块名称</th><th>面积（m²）</th><th>（公顷）</th><th>（亩）</th>")
            .Append(SummaryHeader).Append("</tr>");
        foreach (var (number, feature, result, name) in rows)
        {
            body.Append("<tr class=\"parcel\"><td class=\"n\"><a href=\"#parcel-").Append(number).Append("\">").Append(number).Append("</a></td><td>")
                .Append(E(ParcelNumber(feature))).Append("</td><td>").Append(E(name)).Append("</td>").Append(AreaCells(Area(result)))
                .Append(SummaryCells(result)).Append("</tr>");
        }

        body.Append("</table>");
        foreach (var (number, feature, result, name) in rows)
        {
            body.Append("<section class=\"parcel\" id=\"parcel-").Append(number).Append("\">")
                .Append(Heading("h2", $"{number}. {ParcelNumber(feature)} {name}"))
                .Append(Draw(backdrop.DrawOn(new SvgMap()), result, name).Render())
                .Append("<p>").Append(E(upload.Layer.File)).Append(" 第 ").Append(feature.Row).Append(" 行，").Append(AreaText(Area(result))).Append("</p>");
            AppendSection(body, result);
            body.Append("</section>");
        }

        return Page(Title, upload.ComputedAt, overview.Render(), body.ToString());
    }

    private static string ParcelNumber(ImportedFeature feature) =>
        NumberFields.Select(key => feature.Properties.GetValueOrDefault(key)).FirstOrDefault(v => v is not null and not "")?.ToString() ?? "—";
}
