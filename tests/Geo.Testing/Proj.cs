using System.Globalization;

namespace Geo.Testing;

/// <summary>Expected coordinates from PROJ's own command-line tool (Debian proj-bin), independent of our ProjNet WKTs.</summary>
public static class Proj
{
    /// <summary>PROJ's definition of EPSG:4524: CGCS2000 3-degree Gauss-Krüger zone 36 (CM 108E) with the zone prefix in the easting.</summary>
    public const string Zone36Prefixed = "+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";

    /// <summary>A zone-36 easting (with its prefix) and northing as CGCS2000 longitude and latitude, through <c>cs2cs</c>.</summary>
    public static async Task<(double Lon, double Lat)> Zone36ToLonLatAsync(double easting, double northing)
    {
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, string.Create(CultureInfo.InvariantCulture, $"{easting} {northing}\n"));
            var output = await Gdal.RunAsync("cs2cs", [.. Zone36Prefixed.Split(' '), "+to", "+proj=longlat", "+ellps=GRS80", "+no_defs", "-f", "%.10f", input]);
            var parts = output.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(input);
        }
    }
}
