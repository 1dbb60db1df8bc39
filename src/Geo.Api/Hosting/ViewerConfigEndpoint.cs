using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Geo.Api.Accounts;
using Microsoft.Extensions.Options;

namespace Geo.Api.Hosting;

/// <summary>
/// What the viewer needs from the server besides the features: which online base maps are switched on (the 天地图 key
/// lives in configuration, never in the built files) and every collection's field titles and coded values'
/// names (Chinese and English) from the catalog, so popups, tables and legends cannot drift from the data contract.
/// One small response, read once at start-up.
/// </summary>
public static class ViewerConfigEndpoint
{
    public const string Path = "/viewer/config";

    public static IEndpointRouteBuilder MapViewerConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Config).WithTags("看图 Viewer").WithName("ViewerConfig")
            .WithSummary("看图配置：底图开关和各集合的字段标题、代码名称（中英文）")
            .WithDescription("Read once by the viewer at start-up; code names are code → [Chinese, English] from the catalog.")
            .ProducesJson<ViewerConfig>().AllowAnonymous();
        return app;
    }

    private static async Task<JsonHttpResult<ViewerConfig>> Config(
        IConfiguration configuration, IFeatureStore store, IOptions<OidcOptions> oidc, CancellationToken cancellationToken) => TypedResults.Json(new ViewerConfig(
        new ViewerBaseMaps(
            new TiandituBaseMap(
                configuration.GetValue<bool>("Viewer:BaseMaps:Tianditu:Enabled"),
                configuration["Viewer:BaseMaps:Tianditu:Key"] ?? ""),
            new OnlineBaseMap(configuration.GetValue<bool>("Viewer:BaseMaps:OpenStreetMap:Enabled"))),
        Catalog.All.Where(c => c.HasGeometry).Select(c => new ViewerCollection(
            c.Id, c.TitleZh, c.TitleEn,
            c.Properties.Select(p => new ViewerProperty(
                p.Name, p.TitleZh, p.TitleEn, p.Type.ToString(), p.Required,
                p.Codes is { } codes ? Names(codes) : null,
                // Open lists (land-use codes) name codes for legends; the data's own column says them in popups.
                p.Codes is { IsClosed: false } ? true : null)),
            c.Geometry.ToString(), c.Editable)),
        Names(Catalog.LivingNeeds),
        Names(Catalog.ComplianceVerdicts),
        Names(Catalog.ComplianceSeverities),
        await TiledLayers.ChooseAsync(store, configuration, cancellationToken),
        new ViewerSignIn(oidc.Value.Enabled)), Options);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>code → [Chinese name, English name], in the catalog's order.</summary>
    private static Dictionary<string, string[]> Names(CodeList codes) =>
        codes.Values.ToDictionary(v => v.Code, v => new[] { v.TitleZh, v.TitleEn }, StringComparer.Ordinal);
}

/// <summary>
/// <see cref="ComplianceVerdicts"/> and <see cref="ComplianceSeverities"/> name the 合规性审查 answer's words (code → [Chinese, English]);
/// <see cref="TiledLayers"/>: layers too large to load whole, drawn from the vector tiles (Viewer:TileThreshold);
/// <see cref="SignIn"/>: the ways to sign in besides a password.
/// </summary>
internal sealed record ViewerConfig(
    ViewerBaseMaps BaseMaps, IEnumerable<ViewerCollection> Collections, IReadOnlyDictionary<string, string[]> LivingNeeds,
    IReadOnlyDictionary<string, string[]> ComplianceVerdicts, IReadOnlyDictionary<string, string[]> ComplianceSeverities, IReadOnlyList<string> TiledLayers,
    ViewerSignIn SignIn);

/// <summary><see cref="IdentityProvider"/>: whether the office's identity provider (Auth:Oidc) is configured, so the sign-in form offers GET /api/session/oidc.</summary>
internal sealed record ViewerSignIn(bool IdentityProvider);

internal sealed record ViewerBaseMaps(TiandituBaseMap Tianditu, OnlineBaseMap OpenStreetMap);

/// <summary>天地图 needs a key; it is empty when the base map is off.</summary>
internal sealed record TiandituBaseMap(bool Enabled, string Key);

internal sealed record OnlineBaseMap(bool Enabled);

/// <summary>
/// A map layer's collection. <see cref="Geometry"/> is the catalog's geometry kind (Point, LineString, MultiPolygon,
/// PointOrPolygon) and <see cref="Editable"/> whether Part 4 edits are accepted: the viewer's edit mode draws and
/// checks with them.
/// </summary>
internal sealed record ViewerCollection(string Id, string TitleZh, string TitleEn, IEnumerable<ViewerProperty> Properties, string Geometry, bool Editable);

/// <summary>
/// A field: <see cref="Required"/> as the edit validation holds it; <see cref="Values"/> names its codes (code →
/// [Chinese, English]); <see cref="ValuesOpen"/> is true for open lists.
/// </summary>
internal sealed record ViewerProperty(string Name, string TitleZh, string TitleEn, string Type, bool Required, IReadOnlyDictionary<string, string[]>? Values = null, bool? ValuesOpen = null);
