using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Api.Analysis;

/// <summary>
/// A drawn geometry in a request body: a GeoJSON geometry and its optional <c>crs</c> (a string, or a GeoJSON 2008
/// named crs object), read here so that the analyses in Geo.Core take a checked <see cref="GeometryInput"/>.
/// </summary>
internal static class DrawnGeometry
{
    /// <summary>The drawn geometry when the body has one (not absent, not null).</summary>
    public static GeometryInput? ReadOptional(JsonElement? geometry, JsonElement? crs) =>
        geometry is { ValueKind: not JsonValueKind.Null } json ? Read(json, crs) : null;

    public static GeometryInput Read(JsonElement json, JsonElement? crs, string parameter = "geometry")
    {
        var crsName = ReadCrs(crs);
        Geometry geometry;
        try
        {
            geometry = json.Deserialize<Geometry>(GeometryJson.Options)
                ?? throw InputException.Invalid(parameter, "the geometry is null");
        }
        catch (JsonException e)
        {
            throw InputException.Invalid(parameter, $"not a GeoJSON geometry: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw InputException.Invalid(parameter, $"not a GeoJSON geometry: {e.Message}", e);
        }

        return GeometryInput.Drawn(geometry, crsName, parameter);
    }

    private static string? ReadCrs(JsonElement? crs) => crs switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        // The GeoJSON 2008 form: {"type":"name","properties":{"name":"EPSG:4545"}}.
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("properties", out var p) && p.TryGetProperty("name", out var n) => n.GetString(),
        _ => throw InputException.Invalid("crs", "crs must be a string such as \"EPSG:4545\" or a GeoJSON named crs object"),
    };
}
