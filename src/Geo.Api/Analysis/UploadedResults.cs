using System.Text;
using Geo.Core.Formats;
using static Geo.Api.Analysis.HtmlReport;

namespace Geo.Api.Analysis;

/// <summary>An analysis of an uploaded file: the layer as read, one result per feature (per 地块) in file order, and the warnings.</summary>
internal sealed record UploadedResults<T>(ImportedLayer Layer, IReadOnlyList<(ImportedFeature Feature, T Result)> Results, IReadOnlyList<string> Warnings, DateTimeOffset ComputedAt)
{
    /// <summary>The report's file paragraph: name, format, CRS and where it came from, text encoding, any web-map repair, then the warnings.</summary>
    public StringBuilder AppendFile(StringBuilder body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.Append("<h2>文件</h2><p>").Append(E(Layer.File)).Append("（").Append(E(Layer.Format)).Append("，").Append(Results.Count).Append(" 个地块/要素），坐标系 ")
            .Append(E(Layer.SourceCrs.Title)).Append("（来自 ").Append(E(Layer.CrsSource)).Append("）");
        if (Layer.Encoding is { } encoding)
        {
            body.Append("，文字编码 ").Append(E(encoding));
        }

        if (Layer.Repair is { } repair)
        {
            body.Append("；已由 ").Append(E(repair.From)).Append(" 纠正至 CGCS2000：").Append(repair.Vertices).Append(" 个坐标点，平均偏移 ")
                .Append(E(Math.Round(repair.MeanShiftMetres, 1))).Append(" 米");
        }

        body.Append("</p>");
        foreach (var warning in Warnings)
        {
            body.Append("<p class=\"note\">⚠ ").Append(E(warning)).Append("</p>");
        }

        return body;
    }
}
