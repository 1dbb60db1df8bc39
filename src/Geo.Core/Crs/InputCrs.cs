using System.Globalization;
using ProjNet.CoordinateSystems;

namespace Geo.Core.Crs;

/// <summary>
/// The CRSs a file may be drawn in (EPSG:4490, 4326, 3857 and the CGCS2000 3-degree Gauss-Krüger zones 4513–4554),
/// found from an EPSG code or a <c>.prj</c> WKT. Xian 1980 and Beijing 1954 are refused: no transformation from them to
/// CGCS2000 is published for this district, and a guessed one would misplace every boundary by up to ~100 m.
/// </summary>
public static class InputCrs
{
    public const string Accepted =
        "EPSG:4490 (CGCS2000), EPSG:4513–4533 (CGCS2000 3-degree Gauss-Kruger zones with zone prefix), EPSG:4534–4554 (the same without prefix; Kaizhou: 4524 / 4545), EPSG:4326 or EPSG:3857";

    private const string NoTransformation =
        "has no published transformation to CGCS2000 here; ask the data's producer for a CGCS2000 copy (or for official transformation parameters and convert it with them first)";

    /// <summary>Finds a CRS by code (<c>EPSG:4524</c>, <c>4524</c>, an EPSG URI or CRS84); the error says what to supply.</summary>
    public static (CrsDefinition? Crs, string? Error) FromCode(string text)
    {
        var trimmed = text.Trim().Trim('[', ']');
        var known = trimmed.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase) ? SupportedCrs.Crs84 : SupportedCrs.Find(trimmed);
        var digits = trimmed.Split(':', '/').LastOrDefault() ?? string.Empty;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return known is not null ? (known, null) : (null, $"unknown CRS '{text}'; supply one of {Accepted}");
        }

        return FromEpsg(code);
    }

    public static (CrsDefinition? Crs, string? Error) FromEpsg(int code)
    {
        if (GaussKrugerZones.IsZoneEpsg(code))
        {
            return (GaussKrugerZones.Definition(code), null);
        }

        return code switch
        {
            Cgcs2000.Srid => (SupportedCrs.Cgcs2000Geographic, null),
            4326 => (SupportedCrs.Wgs84, null),
            3857 => (SupportedCrs.WebMercator, null),
            4610 or (>= 2327 and <= 2390) => (null, $"EPSG:{code} is Xian 1980, which {NoTransformation}"),
            4214 or (>= 2401 and <= 2442) or (>= 21413 and <= 21483) => (null, $"EPSG:{code} is Beijing 1954, which {NoTransformation}"),
            _ => (null, $"EPSG:{code} is not accepted; supply one of {Accepted}"),
        };
    }

    /// <summary>Identifies the CRS a <c>.prj</c> (ESRI or OGC WKT) describes by its datum, projection and parameters.</summary>
    public static (CrsDefinition? Crs, string? Error) FromWkt(string wkt)
    {
        var datumWords = wkt.Replace('_', ' ');
        if (datumWords.Contains("Xian 1980", StringComparison.OrdinalIgnoreCase) || datumWords.Contains("Xian1980", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"the .prj describes Xian 1980, which {NoTransformation}");
        }

        if (datumWords.Contains("Beijing 1954", StringComparison.OrdinalIgnoreCase) || datumWords.Contains("Beijing1954", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"the .prj describes Beijing 1954, which {NoTransformation}");
        }

        CoordinateSystem parsed;
        try
        {
            parsed = new CoordinateSystemFactory().CreateFromWkt(wkt);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return (null, $"the .prj is not readable WKT ({e.Message}); supply the CRS explicitly: {Accepted}");
        }

        return parsed switch
        {
            GeographicCoordinateSystem geographic => Geographic(geographic.HorizontalDatum.Name),
            ProjectedCoordinateSystem projected => Projected(projected),
            _ => (null, $"the .prj describes '{parsed.Name}', which is not accepted; supply one of {Accepted}"),
        };
    }

    private static (CrsDefinition?, string?) Geographic(string datum)
    {
        var words = datum.Replace('_', ' ');
        if (words.Contains("2000", StringComparison.Ordinal))
        {
            return (SupportedCrs.Cgcs2000Geographic, null);
        }

        return words.Contains("WGS 1984", StringComparison.OrdinalIgnoreCase) || words.Contains("WGS 84", StringComparison.OrdinalIgnoreCase)
            ? (SupportedCrs.Wgs84, null)
            : (null, $"the .prj's datum '{datum}' is not accepted; supply one of {Accepted}");
    }

    private static (CrsDefinition?, string?) Projected(ProjectedCoordinateSystem projected)
    {
        var projection = projected.Projection.ClassName.Replace('_', ' ');
        if (projection.Contains("Mercator", StringComparison.OrdinalIgnoreCase) && !projection.Contains("Transverse", StringComparison.OrdinalIgnoreCase))
        {
            return (SupportedCrs.WebMercator, null);
        }

        var datum = projected.GeographicCoordinateSystem.HorizontalDatum.Name.Replace('_', ' ');
        if (!datum.Contains("2000", StringComparison.Ordinal) || !projection.Contains("Transverse", StringComparison.OrdinalIgnoreCase)
            && !projection.Contains("Gauss", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"the .prj describes '{projected.Name}', which is not accepted; supply one of {Accepted}");
        }

        var centralMeridian = Parameter(projected, "central_meridian");
        var falseEasting = Parameter(projected, "false_easting");
        var zone = centralMeridian is { } cm ? GaussKrugerZones.ZoneOfCentralMeridian(cm) : null;
        if (zone is not { } z || Parameter(projected, "scale_factor") is not 1.0 || falseEasting is null)
        {
            return (null, $"the .prj describes '{projected.Name}', not a CGCS2000 3-degree Gauss-Kruger zone; supply one of {Accepted}");
        }

        if (falseEasting == 500_000)
        {
            return (GaussKrugerZones.Definition(GaussKrugerZones.UnprefixedEpsg(z)), null);
        }

        return falseEasting == z * 1_000_000 + 500_000
            ? (GaussKrugerZones.Definition(GaussKrugerZones.PrefixedEpsg(z)), null)
            : (null, $"the .prj's false easting {falseEasting} fits neither zone {z} with prefix nor without; supply the CRS explicitly");
    }

    private static double? Parameter(ProjectedCoordinateSystem projected, string name)
    {
        for (var i = 0; i < projected.Projection.NumParameters; i++)
        {
            var parameter = projected.Projection.GetParameter(i);
            if (parameter.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter.Value;
            }
        }

        return null;
    }
}
