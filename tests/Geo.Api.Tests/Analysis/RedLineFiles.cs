using System.Globalization;

namespace Geo.Api.Tests.Analysis;

/// <summary>
/// A 红线 as the files staff receive it: a 报盘 TXT (GBK, zone-prefixed eastings, holes) and the same polygon as a
/// GeoJSON body in EPSG:4545, for the uploads to be compared with the drawn-geometry answers.
/// </summary>
internal static class RedLineFiles
{
    // A 1200 m × 900 m site with a 200 m × 200 m hole across the farmland near 108.32E 30.99N (EPSG:4545 metres).
    public static readonly (double E, double N)[][] Site =
    [
        [(530000, 3430800), (531200, 3430800), (531200, 3431700), (530000, 3431700)],
        [(530400, 3431100), (530400, 3431300), (530600, 3431300), (530600, 3431100)],
    ];

    // 100 km west of the central meridian (about 106.96E): inside zone 36, outside 开州区.
    public static readonly (double E, double N)[][] OutsideDistrict =
    [
        [(400000, 3430800), (400500, 3430800), (400500, 3431300), (400000, 3431300)],
    ];

    /// <summary>A 报盘 TXT with one 地块 per entry of <paramref name="parcels"/> (name, rings), eastings with the zone-36 prefix.</summary>
    public static string Txt(string system = "2000国家大地坐标系", params (string Name, (double E, double N)[][] Rings)[] parcels)
    {
        if (parcels.Length == 0)
        {
            parcels = [("某项目红线", Site)];
        }

        var text = new StringBuilder($"[属性描述]\n坐标系={system}\n几度分带=3\n投影类型=高斯克吕格\n计量单位=米\n带号=36\n[地块坐标]\n");
        for (var p = 0; p < parcels.Length; p++)
        {
            var (name, rings) = parcels[p];
            text.Append(CultureInfo.InvariantCulture, $"{rings.Sum(r => r.Length + 1)},104,{p + 1},{name},面,,,,@\n");
            var number = 1;
            for (var ring = 0; ring < rings.Length; ring++)
            {
                foreach (var (e, n) in rings[ring].Append(rings[ring][0]))
                {
                    // X = northing, Y = easting with the zone-36 prefix.
                    text.Append(CultureInfo.InvariantCulture, $"J{number++},{ring + 1},{n:F3},{36_000_000 + e:F3}\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The rings as a GeoJSON polygon in EPSG:4545, with the <c>crs</c> member and any further members.</summary>
    public static string GeoJson((double E, double N)[][] rings, string more = "") =>
        "{\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + string.Join(",", rings.Select(r =>
            "[" + string.Join(",", r.Append(r[0]).Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.E},{p.N}]"))) + "]")) + "]},\"crs\":\"EPSG:4545\"" + more + "}";

    public static MultipartFormDataContent Upload(byte[] bytes, string name, params (string Field, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        foreach (var (field, value) in fields)
        {
            form.Add(new StringContent(value), field);
        }

        return form;
    }

    public static byte[] Gbk(string text) => CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes(text);
}
