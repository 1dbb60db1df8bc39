using System.Text.Json.Nodes;

namespace Geo.Api.OgcApi;

/// <summary>
/// A JSON Merge Patch (RFC 7396) of a feature: <c>properties</c> merge member by member (null removes one, and so
/// fails a required property), a <c>geometry</c> replaces the whole geometry: merging coordinate arrays would only
/// ever replace them, and a half-merged geometry object (a new type over old coordinates) means nothing.
/// </summary>
internal static class FeaturePatch
{
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal) { "type", "id", "geometry", "properties" };

    public static async Task<JsonObject> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw InputException.Invalid("body", $"the body is not JSON (line {e.LineNumber + 1}): {e.Message}", "send a JSON Merge Patch object");
        }

        if (node is not JsonObject patch)
        {
            throw InputException.Invalid("body", "a merge patch of a feature is a JSON object", "send e.g. {\"properties\":{\"name\":\"新名称\"}}");
        }

        if (patch.Select(m => m.Key).FirstOrDefault(k => !Members.Contains(k)) is { } unknown)
        {
            throw InputException.Unprocessable(unknown, $"a feature has no member '{unknown}'; a patch may carry properties and geometry");
        }

        if (patch["type"] is { } type && (type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "Feature"))
        {
            throw InputException.Unprocessable("type", "a feature's type is \"Feature\"; leave type out of the patch");
        }

        return patch;
    }

    /// <summary>The feature as GeoJSON with <paramref name="patch"/> applied; its geometry is in storage coordinates unless the patch replaced it.</summary>
    public static JsonNode Apply(Feature current, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(current);
        var target = JsonNode.Parse(FeatureBody.Write(current))!.AsObject();
        target.Remove("id");
        if (patch.TryGetPropertyValue("geometry", out var geometry))
        {
            target["geometry"] = geometry?.DeepClone();
        }

        if (patch.TryGetPropertyValue("properties", out var properties))
        {
            target["properties"] = Merge(target["properties"], properties);
        }

        return target;
    }

    /// <summary>RFC 7396 section 2, MergePatch(Target, Patch).</summary>
    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject existing ? existing.DeepClone().AsObject() : [];
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Merge(result[name], value);
            }
        }

        return result;
    }
}
