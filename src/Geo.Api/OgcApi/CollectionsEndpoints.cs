using Geo.Core.Crs;

namespace Geo.Api.OgcApi;

/// <summary>Collection metadata: the list, one collection, and its queryables.</summary>
internal static class CollectionsEndpoints
{
    public static async Task<Results<JsonHttpResult<CollectionList>, StatusCodeHttpResult>> Collections(HttpContext context, IFeatureStore store, CancellationToken cancellationToken)
    {
        // Every collection's version in one round trip: the ETag moves with any of them, the summaries are kept per collection.
        var versions = await store.GetCollectionVersionsAsync(Catalog.All, cancellationToken);
        if (ConditionalGet.NotModified(context, string.Join(' ', versions)) is { } notModified)
        {
            return notModified;
        }

        var collections = new List<CollectionDescription>();
        foreach (var (collection, version) in Catalog.All.Zip(versions))
        {
            collections.Add(await DescribeAsync(context.Request, store, version, collection, cancellationToken));
        }

        return TypedResults.Json(new CollectionList(
            [new Link(OgcLinks.Absolute(context.Request, OgcLinks.Root + "/collections"), "self", OgcMediaTypes.Json)],
            SupportedCrs.All.Select(c => c.Uri),
            collections), OgcJson.Options);
    }

    public static async Task<Results<JsonHttpResult<CollectionDescription>, StatusCodeHttpResult, ProblemHttpResult>> Collection(string collectionId, HttpContext context, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        var version = (await store.GetCollectionVersionsAsync([collection], cancellationToken))[0];
        if (ConditionalGet.NotModified(context, version) is { } notModified)
        {
            return notModified;
        }

        return TypedResults.Json(await DescribeAsync(context.Request, store, version, collection, cancellationToken), OgcJson.Options);
    }

    public static Results<JsonHttpResult<Queryables>, ProblemHttpResult> Queryables(string collectionId, HttpRequest request)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        var properties = new Dictionary<string, Queryable>
        {
            ["id"] = new("编号", Type: "integer"),
        };
        if (collection.HasGeometry)
        {
            properties["geometry"] = new("几何", Format: GeometryFormat(collection.Geometry));
        }

        foreach (var property in collection.Properties)
        {
            properties[property.Name] = Schema(property);
        }

        return TypedResults.Json(new Queryables(
            "https://json-schema.org/draft/2019-09/schema",
            OgcLinks.Absolute(request, $"{OgcLinks.Root}/collections/{collection.Id}/queryables"),
            "object",
            collection.TitleZh,
            properties,
            AdditionalProperties: false), OgcJson.Options, "application/schema+json");
    }

    private static Queryable Schema(PropertyDefinition property)
    {
        var (type, format) = property.Type switch
        {
            PropertyType.Text => ("string", null),
            PropertyType.Integer => ("integer", null),
            PropertyType.Number => ("number", null),
            PropertyType.Boolean => ("boolean", null),
            PropertyType.Date => ("string", "date"),
            _ => throw new System.Diagnostics.UnreachableException($"PropertyType {property.Type} has no JSON Schema type"),
        };
        return new Queryable(property.TitleZh, type, format, property.AllowedValues?.ToArray());
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

    /// <summary>Answered from the store's summary for <paramref name="version"/>, the collection's version the ETag was made from.</summary>
    private static async Task<CollectionDescription> DescribeAsync(
        HttpRequest request, IFeatureStore store, string version, CollectionDefinition collection, CancellationToken cancellationToken)
    {
        var summary = await store.GetSummaryAsync(collection, version, cancellationToken);
        var extent = summary.Extent;
        string[]? interval = summary is { FirstTime: { } first, LastTime: { } last } ? [Start(first), End(last)] : null;
        var path = $"{OgcLinks.Root}/collections/{collection.Id}";
        return new CollectionDescription(
            collection.Id,
            collection.TitleZh,
            collection.DescriptionZh,
            new CollectionExtent(
                extent is null ? null : new SpatialExtent([[extent.MinX, extent.MinY, extent.MaxX, extent.MaxY]], SupportedCrs.Crs84Uri),
                interval is null ? null : new TemporalExtent([interval], "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian")),
            "feature",
            SupportedCrs.All.Select(c => c.Uri),
            SupportedCrs.Cgcs2000Geographic.Uri,
            [
                new Link(OgcLinks.Absolute(request, path), "self", OgcMediaTypes.Json, collection.TitleZh),
                new Link(OgcLinks.Absolute(request, path + "/items"), "items", OgcMediaTypes.GeoJson, collection.TitleZh),
                // The query given apart: in the path, BuildAbsolute escapes the '?' and the link answers 404.
                new Link(OgcLinks.Absolute(request, path + "/items", QueryString.Create("f", "csv")), "items", "text/csv", collection.TitleZh + "（CSV）"),
                new Link(OgcLinks.Absolute(request, path + "/queryables"), "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "可查询属性"),
                .. Tiles.TilesetLinks.For(request, collection),
            ]);
    }

    private static string Start(object value) => value is long year ? $"{year:D4}-01-01T00:00:00Z" : $"{(DateOnly)value:yyyy-MM-dd}T00:00:00Z";

    private static string End(object value) => value is long year ? $"{year:D4}-12-31T23:59:59Z" : $"{(DateOnly)value:yyyy-MM-dd}T23:59:59Z";
}
