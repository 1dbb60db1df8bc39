using System.Text;
using Geo.Core.Formats;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>An analysis of an uploaded file: the layer as read, one result per feature (per 地块) in file order, and the warnings.</summary>
internal sealed record UploadedResults<T>(ImportedLayer Layer, IReadOnlyList<(ImportedFeature Feature, T Result)> Results, IReadOnlyList<Geo.Core.Analysis.Wording> Warnings, DateTimeOffset ComputedAt)
{
    /// <summary>The report's file paragraph: name, format, CRS and where it came from, text encoding, any web-map repair, then the warnings.</summary>
    public StringBuilder AppendFile(StringBuilder body, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(text);
        var line = text.FileLine(Layer.File, Layer.Format.ToString(), Results.Count, Layer.SourceCrs.Title, Layer.CrsSource);
        if (Layer.Encoding is { } encoding)
        {
            line += text.Encoding(encoding);
        }

        if (Layer.Repair is { } repair)
        {
            line += text.OffsetRepair(repair.From.ToString(), repair.Vertices, E(Math.Round(repair.MeanShiftMetres, 1)));
        }

        body.Append(Heading("h2", text.FileHeading)).Append("<p>").Append(E(line)).Append("</p>");
        foreach (var warning in Warnings)
        {
            body.Append(Note("⚠ " + text.Text(warning)));
        }

        return body;
    }
}
