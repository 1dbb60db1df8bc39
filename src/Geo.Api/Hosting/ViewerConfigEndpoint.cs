using Geo.Core.Domain;

namespace Geo.Api.Hosting;

/// <summary>
/// What the viewer needs from the server besides the features: which online base maps are switched on (the 天地图 key
/// lives in configuration, never in the built files) and every collection's Chinese field titles from the catalog, so
/// popups and tables cannot drift from the data contract.
/// </summary>
public static class ViewerConfigEndpoint
{
    public const string Path = "/viewer/config";

    public static IEndpointRouteBuilder MapViewerConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (IConfiguration configuration) => TypedResults.Json(new
        {
            baseMaps = new
            {
                tianditu = new
                {
                    enabled = configuration.GetValue<bool>("Viewer:BaseMaps:Tianditu:Enabled"),
                    key = configuration["Viewer:BaseMaps:Tianditu:Key"] ?? "",
                },
                openStreetMap = new { enabled = configuration.GetValue<bool>("Viewer:BaseMaps:OpenStreetMap:Enabled") },
            },
            collections = Catalog.All.Where(c => c.HasGeometry).Select(c => new
            {
                id = c.Id,
                titleZh = c.TitleZh,
                titleEn = c.TitleEn,
                properties = c.Properties.Select(p => new { name = p.Name, titleZh = p.TitleZh, type = p.Type.ToString() }),
            }),
        })).ExcludeFromDescription();
        return app;
    }
}
