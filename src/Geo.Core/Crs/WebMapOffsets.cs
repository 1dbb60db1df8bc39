namespace Geo.Core.Crs;

/// <summary>The obfuscated datums of Chinese web maps that coordinates copied from them are in.</summary>
public enum WebMapDatum
{
    /// <summary>GCJ-02 ("Mars coordinates"): Amap/高德, Tencent, Google Maps in China.</summary>
    Gcj02,

    /// <summary>BD-09: Baidu Maps, a further offset on top of GCJ-02.</summary>
    Bd09,
}

/// <summary>
/// Undoes the GCJ-02 and BD-09 offsets (several hundred metres) to CGCS2000/WGS 84 lon/lat. GCJ-02's forward formula
/// is the widely reproduced one; its inverse is solved by fixed-point iteration to well under a centimetre (the
/// one-step inverse most converters use is 1–2 m off). BD-09 → GCJ-02 is the closed form every converter uses.
/// </summary>
public static class WebMapOffsets
{
    private const double Krasovsky = 6378245.0;
    private const double Eccentricity2 = 0.00669342162296594323;
    private const double BaiduXPi = Math.PI * 3000.0 / 180.0;

    public static WebMapDatum? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "gcj02" or "gcj-02" => WebMapDatum.Gcj02,
        "bd09" or "bd-09" => WebMapDatum.Bd09,
        _ => throw new ArgumentException($"unknown web-map datum '{text}'; use gcj02 or bd09", nameof(text)),
    };

    /// <summary>The CGCS2000 (≈ WGS 84, centimetres apart) lon/lat of a point given in <paramref name="datum"/>.</summary>
    public static (double Lon, double Lat) ToCgcs2000(WebMapDatum datum, double lon, double lat) => datum switch
    {
        WebMapDatum.Gcj02 => Gcj02ToWgs84(lon, lat),
        WebMapDatum.Bd09 => Bd09ToWgs84(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(datum), datum, "unhandled web-map datum"),
    };

    public static (double Lon, double Lat) Wgs84ToGcj02(double lon, double lat)
    {
        var (dLon, dLat) = Delta(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    public static (double Lon, double Lat) Gcj02ToWgs84(double lon, double lat)
    {
        // wgs = gcj − delta(wgs): the delta varies by ~1e-5 per degree, so each step gains ~5 digits.
        var (wLon, wLat) = (lon, lat);
        for (var i = 0; i < 10; i++)
        {
            var (dLon, dLat) = Delta(wLon, wLat);
            var (nLon, nLat) = (lon - dLon, lat - dLat);
            var converged = Math.Abs(nLon - wLon) < 1e-12 && Math.Abs(nLat - wLat) < 1e-12;
            (wLon, wLat) = (nLon, nLat);
            if (converged)
            {
                break;
            }
        }

        return (wLon, wLat);
    }

    public static (double Lon, double Lat) Bd09ToGcj02(double lon, double lat)
    {
        var (x, y) = (lon - 0.0065, lat - 0.006);
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * BaiduXPi);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * BaiduXPi);
        return (z * Math.Cos(theta), z * Math.Sin(theta));
    }

    private static (double Lon, double Lat) Bd09ToWgs84(double lon, double lat)
    {
        var (gLon, gLat) = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84(gLon, gLat);
    }

    private static (double DLon, double DLat) Delta(double lon, double lat)
    {
        var (x, y) = (lon - 105.0, lat - 35.0);
        var common = (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x)) + common
            + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x)) + common
            + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        var radLat = lat / 180.0 * Math.PI;
        var magic = 1 - Eccentricity2 * Math.Sin(radLat) * Math.Sin(radLat);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (Krasovsky * (1 - Eccentricity2) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (Krasovsky / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }
}
