namespace Geo.Core.Formats.Baopan;

/// <summary>
/// The <c>[属性描述]</c> block of a 报盘 TXT: 坐标系, 几度分带, 带号 … decide the CRS. Only CGCS2000 3-degree zones are
/// accepted; 西安80 and 北京54 have no published transformation to CGCS2000 here.
/// </summary>
internal static class BaopanHeader
{
    public static (CrsDefinition Crs, string Source) Crs(IReadOnlyDictionary<string, string> attributes, double firstEasting, string file, FileReadOptions options)
    {
        if (options.Crs is not null)
        {
            return FileCrs.FromRequest(options.Crs, file);
        }

        var system = attributes.GetValueOrDefault("坐标系", string.Empty);
        if (system.Contains("西安", StringComparison.Ordinal) || system.Contains("80", StringComparison.Ordinal))
        {
            throw Refused(file, system, "Xian 1980");
        }

        if (system.Contains("北京", StringComparison.Ordinal) || system.Contains("54", StringComparison.Ordinal))
        {
            throw Refused(file, system, "Beijing 1954");
        }

        if (!system.Contains("2000", StringComparison.Ordinal))
        {
            throw new FileInputException(file, $"坐标系 '{system}' is not 2000国家大地坐标系; supply the crs ({InputCrs.Accepted})", field: "坐标系");
        }

        var width = attributes.GetValueOrDefault("几度分带", "3").Trim();
        if (width != "3")
        {
            throw new FileInputException(file, $"几度分带 = {width}: only 3-degree zones are accepted; supply the crs ({InputCrs.Accepted})", field: "几度分带");
        }

        int? declaredZone = int.TryParse(attributes.GetValueOrDefault("带号"), out var z) ? z : null;
        if (firstEasting >= 1_000_000)
        {
            var prefix = (int)(firstEasting / 1_000_000);
            if (!GaussKrugerZones.IsZone(prefix) || declaredZone is { } d && d != prefix)
            {
                throw new FileInputException(file, $"the eastings carry zone prefix {prefix} but 带号 = {declaredZone?.ToString() ?? "(none)"}; correct one of them", field: "带号");
            }

            return (GaussKrugerZones.Definition(GaussKrugerZones.PrefixedEpsg(prefix)), "TXT header (zone number from the eastings' prefix)");
        }

        return declaredZone is { } zone && GaussKrugerZones.IsZone(zone)
            ? (GaussKrugerZones.Definition(GaussKrugerZones.UnprefixedEpsg(zone)), "TXT header (zone number)")
            : throw new FileInputException(file, $"the eastings carry no zone prefix and 带号 is '{attributes.GetValueOrDefault("带号")}'; give 带号 (25–45, Kaizhou 36) or supply the crs", field: "带号");
    }

    private static FileInputException Refused(string file, string system, string datum) =>
        new(file, $"坐标系 '{system}' is {datum}, which has no published transformation to CGCS2000 here; ask for the boundary in 2000国家大地坐标系", field: "坐标系");
}
