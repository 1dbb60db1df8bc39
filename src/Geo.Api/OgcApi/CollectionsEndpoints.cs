using Geo.Core.Crs;
using Geo.Core.Domain;
using Geo.Core.Stores;

namespace Geo.Api.OgcApi;

/// <summary>Collection metadata: the list, one collection, and its queryables.</summary>
internal static class CollectionsEndpoints
{
    public static async Task<IResult> Collections(HttpContext context, IFeatureStore store, CancellationToken cancellationToken)
    {
        var version = await store.GetDataVersionAsync(cancellationToken);
        if (ConditionalGet.NotModified(context, version) is { } notModified)
        {
            return notModified;
        }

        var collections = new List<object>();
        foreach (var collection in Catalog.All)
        {
            collections.Add(await DescribeAsync(context.Request, store, version, collection, cancellationToken));
        }

        return TypedResults.Json(new
        {
            links = new[] { new Link(OgcLinks.Absolute(context.Request, OgcLinks.Root + "/collections"), "self", OgcMediaTypes.Json) },
            crs = SupportedCrs.All.Select(c => c.Uri),
            collections,
        }, OgcJson.Options);
    }

    public static async Task<IResult> Collection(string collectionId, HttpContext context, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        var version = await store.GetDataVersionAsync(cancellationToken);
        return ConditionalGet.NotModified(context, version)
            ?? TypedResults.Json(await DescribeAsync(context.Request, store, version, collection, cancellationToken), OgcJson.Options);
    }

    public static IResult Queryables(string collectionId, HttpRequest request)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        var properties = new Dictionary<string, object>
        {
            ["id"] = new { title = "编号", type = "integer" },
        };
        if (collection.HasGeometry)
        {
            properties["geometry"] = new { title = "几何", format = GeometryFormat(collection.Geometry) };
        }

        foreach (var property in collection.Properties)
        {
            properties[property.Name] = Schema(property);
        }

        return TypedResults.Json(new Dictionary<string, object>
        {
            ["$schema"] = "https://json-schema.org/draft/2019-09/schema",
            ["$id"] = OgcLinks.Absolute(request, $"{OgcLinks.Root}/collections/{collection.Id}/queryables"),
            ["type"] = "object",
            ["title"] = collection.TitleZh,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        }, OgcJson.Options, "application/schema+json");
    }

    private static Dictionary<string, object> Schema(PropertyDefinition property)
    {
        var schema = new Dictionary<string, object> { ["title"] = property.TitleZh };
        switch (property.Type)
        {
            case PropertyType.Text: schema["type"] = "string"; break;
            case PropertyType.Integer: schema["type"] = "integer"; break;
            case PropertyType.Number: schema["type"] = "number"; break;
            case PropertyType.Boolean: schema["type"] = "boolean"; break;
            case PropertyType.Date: schema["type"] = "string"; schema["format"] = "date"; break;
        }

        if (property.AllowedValues is { } allowed)
        {
            schema["enum"] = allowed.ToArray();
        }

        return schema;
    }

    private static string GeometryFormat(GeometryKind kind) => kind switch
    {
        GeometryKind.Point => "geometry-point",
        GeometryKind.LineString => "geometry-linestring",
        GeometryKind.MultiPolygon => "geometry-multipolygon",
        GeometryKind.PointOrPolygon => "geometry-any",
        // The caller describes geometry only where the collection has it.
        GeometryKind.None => throw new System.Diagnostics.UnreachableException($"GeometryKind {kind} has no geometry format"),
        _ => throw new System.Diagnostics.UnreachableException($"GeometryKind {kind} is not handled here"),
    };

    /// <summary>Answered from the store's summary for <paramref name="version"/>, the one the ETag was made from.</summary>
    private static async Task<object> DescribeAsync(
        HttpRequest request, IFeatureStore store, string version, CollectionDefinition collection, CancellationToken cancellationToken)
    {
        var summary = await store.GetSummaryAsync(collection, version, cancellationToken);
        var extent = summary.Extent;
        string[]? interval = summary is { FirstTime: { } first, LastTime: { } last } ? [Start(first), End(last)] : null;
        var path = $"{OgcLinks.Root}/collections/{collection.Id}";
        return new
        {
            id = collection.Id,
            title = collection.TitleZh,
            description = collection.DescriptionZh,
            extent = new
            {
                spatial = extent is null ? null : new { bbox = new[] { new[] { extent.MinX, extent.MinY, extent.MaxX, extent.MaxY } }, crs = SupportedCrs.Crs84Uri },
                temporal = interval is null ? null : new { interval = new[] { interval }, trs = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian" },
            },
            itemType = "feature",
            crs = SupportedCrs.All.Select(c => c.Uri),
            storageCrs = SupportedCrs.Cgcs2000Geographic.Uri,
            links = new[]
            {
                new Link(OgcLinks.Absolute(request, path), "self", OgcMediaTypes.Json, collection.TitleZh),
                new Link(OgcLinks.Absolute(request, path + "/items"), "items", OgcMediaTypes.GeoJson, collection.TitleZh),
                new Link(OgcLinks.Absolute(request, path + "/items?f=csv"), "items", "text/csv", collection.TitleZh + "（CSV）"),
                new Link(OgcLinks.Absolute(request, path + "/queryables"), "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "可查询属性"),
            }.Concat(Tiles.TilesetLinks.For(request, collection)),
        };
    }

    private static string Start(object value) => value is long year ? $"{year:D4}-01-01T00:00:00Z" : $"{(DateOnly)value:yyyy-MM-dd}T00:00:00Z";

    private static string End(object value) => value is long year ? $"{year:D4}-12-31T23:59:59Z" : $"{(DateOnly)value:yyyy-MM-dd}T23:59:59Z";
}
