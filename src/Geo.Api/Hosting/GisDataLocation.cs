using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Api.Hosting;

/// <summary>The gis-data folder the embedded store reads: <c>GisData:Path</c>, else the nearest <c>gis-data/</c> above the app or the working directory.</summary>
public sealed record GisDataLocation(string Folder)
{
    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration["GisData:Path"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return GisDataFolder.Find(AppContext.BaseDirectory)
            ?? GisDataFolder.Find(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException(
                "No gis-data folder found above the application or the working directory; set GisData__Path or ConnectionStrings__Geo.");
    }
}
