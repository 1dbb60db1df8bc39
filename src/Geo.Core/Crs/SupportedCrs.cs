using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Geo.Core.Crs;

/// <summary>The CRSs of the OGC API: CRS84 (default), EPSG:4326, EPSG:4490 (storage), EPSG:3857 and EPSG:4545.</summary>
public static class SupportedCrs
{
    public const string Crs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private static readonly Envelope World = new(-180, 180, -90, 90);

    /// <summary>EPSG:4545's area of use: China between 106°30'E and 109°30'E (EPSG dataset, 18.19°N–42.47°N).</summary>
    public static readonly Envelope GaussKrugerAreaOfUse = new(106.5, 109.5, 18.19, 42.47);

    public static readonly CrsDefinition Crs84 = new(Crs84Uri, null, "WGS 84 经纬度 (CRS84, lon/lat)", false, null, World);
    public static readonly CrsDefinition Wgs84 = new(EpsgUri(4326), 4326, "WGS 84 (EPSG:4326, lat/lon)", true, null, World);

    // CGCS2000 and WGS 84 differ by centimetres here (PROVENANCE §3), so the storage coordinates serve both.
    public static readonly CrsDefinition Cgcs2000Geographic = new(EpsgUri(Cgcs2000.Srid), Cgcs2000.Srid, "CGCS2000 (EPSG:4490, lat/lon)", true, null, World);
    // Areas of use as EPSG gives them: Web Mercator between 85.06°S and 85.06°N; EPSG:4545 China between 106.5°E and
    // 109.5°E (from 18.19°N to 42.47°N), where its Gauss-Krüger zone measures true.
    public static readonly CrsDefinition WebMercator = new(EpsgUri(3857), 3857, "Web Mercator (EPSG:3857)", false, WebMercatorTransform(),
        new Envelope(-20037508.34, 20037508.34, -20048966.1, 20048966.1), new Envelope(-180, 180, -85.06, 85.06));
    public static readonly CrsDefinition GaussKruger = new(EpsgUri(GaussKruger108.Srid), GaussKruger108.Srid,
        "CGCS2000 / 3-degree Gauss-Kruger CM 108E (EPSG:4545, northing/easting)", true, GaussKruger108.ForwardTransform,
        new Envelope(0, 1_000_000, -10_000_000, 10_000_000), GaussKrugerAreaOfUse);

    public static readonly IReadOnlyList<CrsDefinition> All = [Crs84, Wgs84, Cgcs2000Geographic, WebMercator, GaussKruger];

    public static string EpsgUri(int code) => $"http://www.opengis.net/def/crs/EPSG/0/{code}";

    /// <summary>Finds a CRS by its URI, a CURIE such as <c>[EPSG:4545]</c>, or <c>EPSG:4545</c>.</summary>
    public static CrsDefinition? Find(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().Trim('[', ']');
        if (text.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase) || text.Equals("CRS84", StringComparison.OrdinalIgnoreCase))
        {
            return Crs84;
        }

        if (text.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) && int.TryParse(text[5..], out var code))
        {
            text = EpsgUri(code);
        }

        return All.FirstOrDefault(c => c.Uri.Equals(text.Replace("https://", "http://", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase));
    }

    private static MathTransform WebMercatorTransform() =>
        new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, ProjectedCoordinateSystem.WebMercator).MathTransform;
}
