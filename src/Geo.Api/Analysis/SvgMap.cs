using System.Globalization;
using System.Net;
using System.Text;
using Geo.Core.Crs;

namespace Geo.Api.Analysis;

/// <summary>
/// A small inline SVG map for printed reports: shapes projected to EPSG:4545 so the map is true to scale, north up,
/// with a scale bar. Needs no tiles or fonts, so it prints the same everywhere.
/// </summary>
internal sealed class SvgMap
{
    private const double Width = 760;
    private const double Margin = 20;
    private const double MinimumFrameMetres = 3000;
    private readonly List<(Geometry Geometry, string Style, string? Label)> _shapes = [];
    private readonly List<(Geometry Geometry, string Style, string? Label)> _backdrop = [];

    public SvgMap Add(Geometry? geographic, string style, string? label = null)
    {
        if (geographic is { IsEmpty: false })
        {
            _shapes.Add((GaussKruger108.Project(geographic), style, label));
        }

        return this;
    }

    /// <summary>Context drawn first and clipped to the frame (the district outline, town names); it does not widen the frame.</summary>
    public SvgMap AddBackdrop(Geometry geographic, string style, string? label = null)
    {
        _backdrop.Add((GaussKruger108.Project(geographic), style, label));
        return this;
    }

    public string Render(ReportText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_shapes.Count == 0)
        {
            return $"<p>{WebUtility.HtmlEncode(text.NoShapes)}</p>";
        }

        var box = new Envelope();
        foreach (var (geometry, _, _) in _shapes)
        {
            box.ExpandToInclude(geometry.EnvelopeInternal);
        }

        box.ExpandBy(Math.Max(100, Math.Max(box.Width, box.Height) * 0.05));
        // At least a few kilometres across, so the backdrop shows where a single site lies.
        box.ExpandBy(Math.Max(0, (MinimumFrameMetres - box.Width) / 2), Math.Max(0, (MinimumFrameMetres - box.Height) / 2));
        var scale = (Width - 2 * Margin) / box.Width;
        var height = Math.Clamp(box.Height * scale + 2 * Margin, 200, 900);
        scale = Math.Min(scale, (height - 2 * Margin) / box.Height);
        string X(double x) => F(Margin + (x - box.MinX) * scale);
        string Y(double y) => F(height - Margin - (y - box.MinY) * scale);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(Width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(Width)} {F(height)}\" style=\"border:1px solid #999;background:#fbfbf7\">");
        // Backdrop labels only for places inside the frame: the SVG clips shapes, not the meaning of a name at its edge.
        foreach (var (geometry, style, label) in _backdrop.Select(b => b with { Label = box.Contains(b.Geometry.InteriorPoint.Coordinate) ? b.Label : null })
            .Concat(_shapes))
        {
            for (var i = 0; i < geometry.NumGeometries; i++)
            {
                var part = geometry.GetGeometryN(i);
                switch (part)
                {
                    case Polygon polygon:
                        var path = new StringBuilder();
                        foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
                        {
                            path.Append('M').AppendJoin(" L", ring.Coordinates.Select(c => X(c.X) + "," + Y(c.Y))).Append(" Z ");
                        }

                        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill-rule=\"evenodd\" style=\"{style}\"/>");
                        break;
                    case LineString line:
                        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', line.Coordinates.Select(c => X(c.X) + "," + Y(c.Y)))}\" style=\"fill:none;{style}\"/>");
                        break;
                    case Point point:
                        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(point.X)}\" cy=\"{Y(point.Y)}\" r=\"4\" style=\"{style}\"/>");
                        break;
                }
            }

            if (label is not null)
            {
                var c = geometry.InteriorPoint;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(c.X)}\" y=\"{Y(c.Y)}\" font-size=\"11\" text-anchor=\"middle\">{WebUtility.HtmlEncode(label)}</text>");
            }
        }

        var bar = ScaleBarMetres(box.Width);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Margin)}\" y1=\"{F(height - 8)}\" x2=\"{F(Margin + bar * scale)}\" y2=\"{F(height - 8)}\" stroke=\"#000\" stroke-width=\"2\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Margin + bar * scale + 4)}\" y=\"{F(height - 4)}\" font-size=\"10\">{(bar >= 1000 ? F(bar / 1000) + " km" : F(bar) + " m")}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Width - 14)}\" y=\"18\" font-size=\"12\" text-anchor=\"middle\">N↑</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A round length near a fifth of the map width.</summary>
    private static double ScaleBarMetres(double widthMetres)
    {
        var target = widthMetres / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(target)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).Last(m => m <= target);
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
