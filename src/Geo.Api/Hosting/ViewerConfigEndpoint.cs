using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Geo.Core.Domain;
using Geo.Core.Stores;

namespace Geo.Api.Hosting;

/// <summary>
/// What the viewer needs from the server besides the features: which online base maps are switched on (the 天地图 key
/// lives in configuration, never in the built files) and every collection's Chinese field titles and coded values'
/// names (Chinese and English) from the catalog, so popups, tables and legends cannot drift from the data contract.
/// One small response, read once at start-up.
/// </summary>
public static class ViewerConfigEndpoint
{
    public const string Path = "/viewer/config";

    public static IEndpointRouteBuilder MapViewerConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (IConfiguration configuration, IFeatureStore store, CancellationToken cancellationToken) => TypedResults.Json(new
        {
            tiledLayers = await TiledLayers.ChooseAsync(store, configuration, cancellationToken),
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
                properties = c.Properties.Select(p => new
                {
                    name = p.Name,
                    titleZh = p.TitleZh,
                    type = p.Type.ToString(),
                    values = p.Codes is { } codes ? Names(codes) : null,
                    // Open lists (land-use codes) name codes for legends; the data's own column says them in popups.
                    valuesOpen = p.Codes is { IsClosed: false } ? true : (bool?)null,
                }),
            }),
            livingNeeds = Names(Catalog.LivingNeeds),
        }, Options)).ExcludeFromDescription();
        return app;
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>code → [Chinese name, English name], in the catalog's order.</summary>
    private static Dictionary<string, string[]> Names(CodeList codes) =>
        codes.Values.ToDictionary(v => v.Code, v => new[] { v.TitleZh, v.TitleEn }, StringComparer.Ordinal);
}
