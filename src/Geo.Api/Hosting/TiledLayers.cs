namespace Geo.Api.Hosting;

/// <summary>
/// Which polygon layers the viewer draws from vector tiles rather than loading whole as GeoJSON: those with more
/// features than <c>Viewer:TileThreshold</c> (default 20,000). A county's parcels are hundreds of thousands; the
/// repository's sample stays GeoJSON, where the attribute table and query by area read every feature in the browser.
/// </summary>
internal static class TiledLayers
{
    public const int DefaultThreshold = 20_000;

    public static async Task<List<string>> ChooseAsync(IFeatureStore store, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var threshold = configuration.GetValue("Viewer:TileThreshold", DefaultThreshold);
        var tiled = new List<string>();
        foreach (var collection in Catalog.All.Where(c => c.Geometry == GeometryKind.MultiPolygon))
        {
            // One row asked for: the store answers the unfiltered count from its kept summary or the planner's estimate.
            await using var page = await store.QueryPageAsync(new FeatureQuery(collection) { Limit = 1 }, cancellationToken);
            if (page.Matched > threshold)
            {
                tiled.Add(collection.Id);
            }
        }

        return tiled;
    }
}
