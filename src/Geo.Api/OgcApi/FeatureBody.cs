using Geo.Api.GisData;
using Geo.Core.Crs;
using Geo.Core.Filters;
using Geo.Core.GisData;
using NetTopologySuite.Operation.Valid;

namespace Geo.Api.OgcApi;

/// <summary>
/// One GeoJSON feature as a client sends it for an edit (and as the stores keep it in their history): checked against
/// the collection's definition like an import, each error naming the member at fault.
/// </summary>
internal static class FeatureBody
{
    /// <summary>
    /// The feature in <paramref name="element"/>, its geometry moved from <paramref name="crs"/> to storage
    /// (null: already in storage coordinates, as the stores' own history is). Throws <see cref="InputException"/>.
    /// </summary>
    public static Feature Read(CollectionDefinition collection, JsonElement element, CrsDefinition? crs, long id)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var type) || type.GetString() != "Feature")
        {
            throw InputException.Invalid("body", "the body must be a GeoJSON Feature", "send {\"type\":\"Feature\",\"geometry\":{…},\"properties\":{…}}");
        }

        var geometry = collection.HasGeometry ? ReadGeometry(collection, element, crs) : null;
        var properties = new Dictionary<string, object?>(collection.Properties.Count);
        var hasProperties = element.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object;
        foreach (var property in collection.Properties)
        {
            var (value, error) = hasProperties && props.TryGetProperty(property.Name, out var raw)
                ? JsonPropertyValues.FromJson(property, raw)
                : PropertyValues.FromText(property, string.Empty);
            if (error is not null)
            {
                throw InputException.Unprocessable($"properties.{property.Name}", error);
            }

            properties[property.Name] = value;
        }

        if (hasProperties && props.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => collection.FindProperty(n) is null) is { } unknown)
        {
            throw InputException.Unprocessable($"properties.{unknown}",
                $"'{collection.Id}' has no property '{unknown}'; /ogcapi/collections/{collection.Id}/queryables lists them");
        }

        return new Feature(id, geometry, properties);
    }

    /// <summary>The feature as GeoJSON in storage coordinates (x = longitude), for history and the audit trail.</summary>
    public static string Write(Feature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var document = new Dictionary<string, object?>
        {
            ["type"] = "Feature",
            ["id"] = feature.Id,
            ["geometry"] = feature.Geometry,
            ["properties"] = feature.Properties,
        };
        return JsonSerializer.Serialize(document, GeometryJson.Options);
    }

    private static Geometry ReadGeometry(CollectionDefinition collection, JsonElement element, CrsDefinition? crs)
    {
        if (!element.TryGetProperty("geometry", out var raw) || raw.ValueKind != JsonValueKind.Object)
        {
            throw InputException.Unprocessable("geometry", $"'{collection.Id}' needs a geometry: {GeometryRules.Describe(collection.Geometry)}");
        }

        Geometry? geometry;
        try
        {
            geometry = raw.Deserialize<Geometry>(GeometryJson.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw InputException.Invalid("geometry", $"unreadable GeoJSON geometry: {e.Message}", "send a GeoJSON geometry object");
        }

        if (geometry is null || geometry.IsEmpty)
        {
            throw InputException.Unprocessable("geometry", $"'{collection.Id}' needs a non-empty geometry: {GeometryRules.Describe(collection.Geometry)}");
        }

        if (crs is not null)
        {
            try
            {
                geometry = crs.ToStorage(geometry);
            }
            catch (FilterException e)
            {
                throw InputException.Unprocessable("geometry", $"{e.Message} (Content-Crs: {crs.Uri})");
            }
        }

        geometry = GeometryRules.Normalise(collection.Geometry, geometry, out var kindError);
        if (kindError is not null)
        {
            throw InputException.Unprocessable("geometry", kindError);
        }

        if (new IsValidOp(geometry).ValidationError is { } invalid)
        {
            throw InputException.Unprocessable("geometry", $"invalid geometry: {invalid.Message} at {invalid.Coordinate}; fix the ring or self-intersection");
        }

        return geometry;
    }
}
