using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Geo.Core.Crs;

/// <summary>
/// The CGCS2000 3-degree Gauss-Krüger zones China's land-use files are drawn in: EPSG:4513–4533 (zones 25–45, the
/// easting carries the zone number as a prefix, false easting = zone × 1 000 000 + 500 000) and EPSG:4534–4554 (the
/// same central meridians 75°E–135°E without the prefix). Kaizhou is zone 36, CM 108°E: 4524 / 4545.
/// </summary>
public static class GaussKrugerZones
{
    public const int FirstZone = 25;
    public const int LastZone = 45;
    public const int FirstPrefixedEpsg = 4513;
    public const int FirstUnprefixedEpsg = 4534;

    private static readonly Dictionary<int, CrsDefinition> Created = [];

    public static bool IsZoneEpsg(int epsg) => epsg is >= FirstPrefixedEpsg and <= FirstUnprefixedEpsg + LastZone - FirstZone;

    public static int PrefixedEpsg(int zone) => FirstPrefixedEpsg + zone - FirstZone;

    public static int UnprefixedEpsg(int zone) => FirstUnprefixedEpsg + zone - FirstZone;

    public static bool IsZone(int zone) => zone is >= FirstZone and <= LastZone;

    /// <summary>The zone whose central meridian is <paramref name="centralMeridian"/> (3° × zone), or null.</summary>
    public static int? ZoneOfCentralMeridian(double centralMeridian)
    {
        var zone = (int)Math.Round(centralMeridian / 3.0);
        return Math.Abs(zone * 3.0 - centralMeridian) < 1e-9 && IsZone(zone) ? zone : null;
    }

    /// <summary>The definition of EPSG:4513–4554; <see cref="SupportedCrs.GaussKruger"/> itself for 4545.</summary>
    public static CrsDefinition Definition(int epsg)
    {
        if (!IsZoneEpsg(epsg))
        {
            throw new ArgumentOutOfRangeException(nameof(epsg), epsg, "not a CGCS2000 3-degree Gauss-Kruger zone (EPSG:4513–4554)");
        }

        if (epsg == GaussKruger108.Srid)
        {
            return SupportedCrs.GaussKruger;
        }

        lock (Created)
        {
            if (!Created.TryGetValue(epsg, out var definition))
            {
                definition = Create(epsg);
                Created[epsg] = definition;
            }

            return definition;
        }
    }

    /// <summary>The OGC WKT of a zone's CRS (the one <see cref="GaussKruger108.Wkt"/> spells out for 4545).</summary>
    public static string Wkt(int epsg)
    {
        var (zone, prefixed) = Zone(epsg);
        var falseEasting = prefixed ? zone * 1_000_000 + 500_000 : 500_000;
        var name = prefixed ? $"CGCS2000 / 3-degree Gauss-Kruger zone {zone}" : $"CGCS2000 / 3-degree Gauss-Kruger CM {zone * 3}E";
        return GaussKruger108.Wkt
            .Replace("CGCS2000 / 3-degree Gauss-Kruger CM 108E", name, StringComparison.Ordinal)
            .Replace("PARAMETER[\"central_meridian\",108]", $"PARAMETER[\"central_meridian\",{zone * 3}]", StringComparison.Ordinal)
            .Replace("PARAMETER[\"false_easting\",500000]", $"PARAMETER[\"false_easting\",{falseEasting}]", StringComparison.Ordinal)
            .Replace("AUTHORITY[\"EPSG\",\"4545\"]", $"AUTHORITY[\"EPSG\",\"{epsg}\"]", StringComparison.Ordinal);
    }

    private static (int Zone, bool Prefixed) Zone(int epsg) =>
        epsg < FirstUnprefixedEpsg ? (epsg - FirstPrefixedEpsg + FirstZone, true) : (epsg - FirstUnprefixedEpsg + FirstZone, false);

    private static CrsDefinition Create(int epsg)
    {
        var (zone, prefixed) = Zone(epsg);
        var projected = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt(epsg));
        var fromStorage = new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(projected.GeographicCoordinateSystem, projected).MathTransform;
        var west = prefixed ? zone * 1_000_000.0 : 0.0;
        var title = prefixed
            ? $"CGCS2000 / 3-degree Gauss-Kruger zone {zone} (EPSG:{epsg}, northing/easting with zone prefix)"
            : $"CGCS2000 / 3-degree Gauss-Kruger CM {zone * 3}E (EPSG:{epsg}, northing/easting)";
        return new CrsDefinition(SupportedCrs.EpsgUri(epsg), epsg, title, true, fromStorage,
            new Envelope(west, west + 1_000_000, -10_000_000, 10_000_000));
    }
}
