using System.Globalization;
using Geo.Core.Formats.Internal;

namespace Geo.Core.Formats.Baopan;

/// <summary>
/// Reads a 报盘 TXT (the land-boundary exchange text of the natural-resources system): <c>[属性描述]</c> key=value lines,
/// then <c>[地块坐标]</c> with, per 地块, a header line <c>界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@</c>
/// followed by its points <c>J1,1,X,Y</c> (point, ring, X = northing, Y = easting). Ring 1 is the outline; a later ring
/// inside an earlier one is its hole, one outside it a further part. Rows are line numbers.
/// </summary>
internal static class BaopanReader
{
    public static readonly string[] ParcelFields = ["界址点数", "地块面积", "地块编号", "地块名称", "图形属性", "图幅号", "地块用途", "地类编码"];

    private static readonly GeometryFactory Factory = new();

    public static SourceLayer Read(string path, string file, FileReadOptions options, CancellationToken cancellationToken)
    {
        var given = options.Encoding is null ? null
            : TextEncodings.Find(options.Encoding) ?? throw new FileInputException(file, $"unknown encoding '{options.Encoding}'; use gbk or utf-8", field: "encoding");
        var (text, encodingName) = TextEncodings.Decode(File.ReadAllBytes(path), given);
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var parcels = new List<(int Line, string[] Header, List<(int Line, string Name, int Ring, double X, double Y)> Points)>();
        var section = string.Empty;
        for (var i = 0; i < lines.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                section = line;
                continue;
            }

            if (section == "[属性描述]")
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    attributes[line[..eq].Trim()] = line[(eq + 1)..].Trim();
                }
            }
            else if (section == "[地块坐标]")
            {
                var fields = line.Split(',');
                if (fields[^1].Trim() == "@")
                {
                    parcels.Add((i + 1, fields[..^1], []));
                }
                else if (parcels.Count == 0)
                {
                    throw new FileInputException(file, "a point comes before any 地块 header line (…,@)", i + 1);
                }
                else
                {
                    parcels[^1].Points.Add(Point(fields, file, i + 1));
                }
            }
        }

        if (parcels.Count == 0)
        {
            throw new FileInputException(file, "no [地块坐标] section with a 地块 header line (界址点数,地块面积,…,@); is this a 报盘 TXT?");
        }

        var firstEasting = parcels.SelectMany(p => p.Points).Select(p => p.Y).FirstOrDefault();
        var (crs, crsSource) = BaopanHeader.Crs(attributes, firstEasting, file, options);
        var features = parcels.Select(p => Parcel(p.Line, p.Header, p.Points, file)).ToList();
        return new SourceLayer(features, crs, crsSource, encodingName);
    }

    private static (int, string, int, double, double) Point(string[] fields, string file, int line)
    {
        if (fields.Length < 4)
        {
            throw new FileInputException(file, "a point line needs 点号,圈号,X,Y", line);
        }

        return (line, fields[0].Trim(), (int)Number(fields[1], file, line, "圈号"), Number(fields[2], file, line, "X"), Number(fields[3], file, line, "Y"));
    }

    private static SourceFeature Parcel(int line, string[] header, List<(int Line, string Name, int Ring, double X, double Y)> points, string file)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < ParcelFields.Length; i++)
        {
            properties[ParcelFields[i]] = i < header.Length && header[i].Trim().Length > 0 ? header[i].Trim() : null;
        }

        var declared = (int)Number(header.ElementAtOrDefault(0), file, line, "界址点数");
        if (declared != points.Count)
        {
            throw new FileInputException(file, $"地块 '{properties["地块编号"]}' declares {declared} points (界址点数) but lists {points.Count}", line, "界址点数");
        }

        properties["界址点数"] = declared;
        if (properties["地块面积"] is string area)
        {
            properties["地块面积"] = Number(area, file, line, "地块面积");
        }

        var shells = new List<(LinearRing Shell, List<LinearRing> Holes)>();
        foreach (var ring in points.GroupBy(p => p.Ring))
        {
            var coordinates = ring.Select(p => new Coordinate(p.Y, p.X)).ToArray();
            var (first, last) = (ring.First(), ring.Last());
            if (coordinates.Length < 4 || !coordinates[0].Equals2D(coordinates[^1]))
            {
                throw new FileInputException(file,
                    $"ring {ring.Key} of 地块 '{properties["地块编号"]}' is not closed: it starts at {first.Name} and ends at {last.Name}; repeat the first point at the end (a ring needs at least 3 distinct points)", last.Line);
            }

            var linear = Factory.CreateLinearRing(coordinates);
            var outer = shells.FindIndex(s => Factory.CreatePolygon(s.Shell).Contains(Factory.CreatePoint(coordinates[0])));
            if (outer >= 0)
            {
                shells[outer].Holes.Add(linear);
            }
            else
            {
                shells.Add((linear, []));
            }
        }

        var polygons = shells.Select(s => Factory.CreatePolygon(s.Shell, [.. s.Holes])).ToArray();
        Geometry geometry = polygons.Length == 1 ? polygons[0] : Factory.CreateMultiPolygon(polygons);
        return new SourceFeature(line, geometry, properties);
    }

    private static double Number(string? text, string file, int line, string field) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FileInputException(file, $"'{text}' is not a number", line, field);
}
