using System.Globalization;
using System.Text;

namespace Geo.Core.Tests.Formats;

/// <summary>
/// A 报盘 TXT as design institutes send it (GBK, X = northing, Y = easting), built from rings of (northing, easting)
/// points; every ring is closed by repeating its first point, as the format requires.
/// </summary>
internal static class BaopanTxt
{
    /// <summary>地块 1: a 200 m × 150 m outline with a 50 m × 40 m hole = 28 000 m² = 2.8 公顷.</summary>
    public static readonly (double N, double E)[][] ParcelWithHole =
    [
        [(3450000.125, 536000.375), (3450000.125, 536200.375), (3450150.125, 536200.375), (3450150.125, 536000.375)],
        [(3450050.125, 536050.375), (3450090.125, 536050.375), (3450090.125, 536100.375), (3450050.125, 536100.375)],
    ];

    /// <summary>地块 2: a 100 m × 80 m outline = 8 000 m² = 0.8 公顷.</summary>
    public static readonly (double N, double E)[][] PlainParcel =
    [
        [(3450400.5, 536500.25), (3450400.5, 536600.25), (3450480.5, 536600.25), (3450480.5, 536500.25)],
    ];

    public static string Text(bool zonePrefix, string system = "2000国家大地坐标系", int? extraPoints = null, bool closeRings = true)
    {
        var text = new StringBuilder();
        text.Append("[属性描述]\n格式版本号=1.01版本\n数据产生单位=开州区规划设计院\n数据产生日期=2026-11-30\n")
            .Append(CultureInfo.InvariantCulture, $"坐标系={system}\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号=36\n精度=0.01\n转换参数=,,,,,,\n[地块坐标]\n");
        Parcel(text, ParcelWithHole, "2.8", "1", "开州区某项目红线", zonePrefix, extraPoints, closeRings);
        Parcel(text, PlainParcel, "0.8", "2", "附属设施用地", zonePrefix, null, true);
        return text.ToString();
    }

    public static string Write(string folder, string text)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes(text));
        return path;
    }

    private static void Parcel(StringBuilder text, (double N, double E)[][] rings, string area, string id, string name, bool zonePrefix, int? extraPoints, bool closeRings)
    {
        var count = rings.Sum(r => r.Length + (closeRings ? 1 : 0));
        text.Append(CultureInfo.InvariantCulture, $"{count + (extraPoints ?? 0)},{area},{id},{name},面,,建设用地,05,@\n");
        var number = 1;
        for (var ring = 0; ring < rings.Length; ring++)
        {
            var points = closeRings ? [.. rings[ring], rings[ring][0]] : rings[ring];
            var first = number;
            for (var i = 0; i < points.Length; i++)
            {
                var label = closeRings && i == points.Length - 1 ? first : number++;
                var easting = (zonePrefix ? 36_000_000 : 0) + points[i].E;
                text.Append(CultureInfo.InvariantCulture, $"J{label},{ring + 1},{points[i].N:F3},{easting:F3}\n");
            }
        }
    }
}
