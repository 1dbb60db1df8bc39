using System.Globalization;

namespace Geo.Core.Formats.Baopan;

/// <summary>One 地块 to write: its number, name and use, and its (Multi)Polygon in storage coordinates.</summary>
public sealed record BaopanParcel(string Number, string? Name, string? Use, Geometry Geometry);

/// <summary>
/// Writes the 报盘 TXT that <see cref="BaopanReader"/> reads: a <c>[属性描述]</c> header for a CGCS2000 3-degree zone,
/// then per 地块 its header line (界址点数 counts every listed point; 地块面积 in 公顷, measured in EPSG:4545) and its
/// points, X = northing and Y = easting in metres to the millimetre, every ring closed by repeating its first point.
/// </summary>
public static class BaopanWriter
{
    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<BaopanParcel> parcels, CrsDefinition zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Epsg is not { } epsg || !GaussKrugerZones.IsZoneEpsg(epsg))
        {
            throw new ArgumentException("a 报盘 TXT is written in a CGCS2000 3-degree Gauss-Kruger zone (EPSG:4513–4554)", nameof(zone));
        }

        var zoneNumber = epsg < GaussKrugerZones.FirstUnprefixedEpsg
            ? epsg - GaussKrugerZones.FirstPrefixedEpsg + GaussKrugerZones.FirstZone
            : epsg - GaussKrugerZones.FirstUnprefixedEpsg + GaussKrugerZones.FirstZone;
        await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"[属性描述]\n格式版本号=1.0\n数据产生单位=开州区规划地图服务\n数据产生日期={DateTime.UtcNow:yyyy-MM-dd}\n坐标系=2000国家大地坐标系\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号={zoneNumber}\n精度=0.001\n转换参数=,,,,,,\n[地块坐标]\n")).ConfigureAwait(false);
        await foreach (var parcel in parcels.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(Parcel(parcel, zone)).ConfigureAwait(false);
        }
    }

    private static string Parcel(BaopanParcel parcel, CrsDefinition zone)
    {
        // In the zone's EPSG axis order: x = northing, y = easting, as the format lists them.
        var projected = zone.FromStorage(parcel.Geometry);
        var rings = Enumerable.Range(0, projected.NumGeometries).Select(i => (Polygon)projected.GetGeometryN(i))
            .SelectMany(p => new[] { p.Shell }.Concat(p.Holes)).ToList();
        var lines = new List<string>();
        var label = 1;
        for (var ring = 0; ring < rings.Count; ring++)
        {
            var coordinates = rings[ring].Coordinates;
            var first = label;
            for (var i = 0; i < coordinates.Length; i++)
            {
                var number = i == coordinates.Length - 1 ? first : label++;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"J{number},{ring + 1},{coordinates[i].X:F3},{coordinates[i].Y:F3}"));
            }
        }

        var hectares = GaussKruger108.AreaOf(parcel.Geometry).Hectares;
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{lines.Count},{hectares:0.####},{Clean(parcel.Number)},{Clean(parcel.Name)},面,,{Clean(parcel.Use)},,@");
        return header + "\n" + string.Join("\n", lines) + "\n";
    }

    // Commas would split the header line; the format has no quoting.
    private static string Clean(string? value) => (value ?? string.Empty).Replace(',', '，').Replace('\n', ' ').Replace('\r', ' ');
}
