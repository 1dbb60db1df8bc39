using System.Globalization;
using Geo.Core.Domain;
using Geo.Core.Stores;
using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.OgcApi;

/// <summary>OGC API – Features Part 1 (core, GeoJSON) over the configured store, under <c>/ogcapi</c>.</summary>
public static class OgcApiEndpoints
{
    private const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private const string StorageCrs = "http://www.opengis.net/def/crs/EPSG/0/4490";

    public static IEndpointRouteBuilder MapOgcApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(OgcLinks.Root).WithTags("OGC API – Features");
        api.MapGet("/", Landing);
        api.MapGet("/conformance", Conformance);
        api.MapGet("/collections", Collections);
        api.MapGet("/collections/{collectionId}", Collection);
        api.MapGet("/collections/{collectionId}/items", Items);
        api.MapGet("/collections/{collectionId}/items/{featureId}", Item);
        return app;
    }

    private static IResult Landing(HttpRequest request) => TypedResults.Json(new
    {
        title = "开州区“小县大城”试点规划地图服务",
        description = "Kaizhou small-county-big-city pilot: projects, zones, parcels, constraints and relocation flows (OGC API – Features)",
        links = new[]
        {
            new Link(OgcLinks.Absolute(request, OgcLinks.Root), "self", OgcMediaTypes.Json, "本页"),
            new Link(OgcLinks.Absolute(request, OgcLinks.Root + "/conformance"), "conformance", OgcMediaTypes.Json, "符合的标准"),
            new Link(OgcLinks.Absolute(request, OgcLinks.Root + "/collections"), "data", OgcMediaTypes.Json, "数据集合"),
        },
    }, OgcJson.Options);

    private static IResult Conformance() => TypedResults.Json(new
    {
        conformsTo = new[]
        {
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        },
    }, OgcJson.Options);

    private static async Task<IResult> Collections(HttpRequest request, IFeatureStore store, CancellationToken cancellationToken)
    {
        var collections = new List<object>();
        foreach (var collection in Catalog.All)
        {
            collections.Add(await DescribeAsync(request, store, collection, cancellationToken));
        }

        return TypedResults.Json(new
        {
            links = new[] { new Link(OgcLinks.Absolute(request, OgcLinks.Root + "/collections"), "self", OgcMediaTypes.Json) },
            collections,
        }, OgcJson.Options);
    }

    private static async Task<IResult> Collection(string collectionId, HttpRequest request, IFeatureStore store, CancellationToken cancellationToken) =>
        Catalog.Find(collectionId) is { } collection
            ? TypedResults.Json(await DescribeAsync(request, store, collection, cancellationToken), OgcJson.Options)
            : Problems.UnknownCollection(collectionId);

    private static async Task<IResult> Items(
        string collectionId, [AsParameters] ItemsRequest parameters, HttpRequest request, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        var (query, problem) = ItemsQueryParser.Parse(collection, parameters);
        if (problem is not null)
        {
            return problem;
        }

        var matched = await store.CountAsync(query!, cancellationToken);
        var limit = query!.Limit!.Value;
        var links = new List<Link> { new(OgcLinks.WithQuery(request, new Dictionary<string, string>()), "self", OgcMediaTypes.GeoJson) };
        if (query.Offset + limit < matched)
        {
            links.Add(new(OgcLinks.WithQuery(request, PageParameters(query.Offset + limit, limit)), "next", OgcMediaTypes.GeoJson, "下一页"));
        }

        if (query.Offset > 0)
        {
            links.Add(new(OgcLinks.WithQuery(request, PageParameters(Math.Max(0, query.Offset - limit), limit)), "prev", OgcMediaTypes.GeoJson, "上一页"));
        }

        return new FeatureCollectionResult(store.QueryAsync(query, cancellationToken), matched, links);
    }

    private static async Task<IResult> Item(string collectionId, string featureId, HttpRequest request, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        if (!long.TryParse(featureId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            || await store.GetAsync(collection, id, cancellationToken) is not { } feature)
        {
            return Problems.UnknownFeature(collectionId, featureId);
        }

        var itemsPath = $"{OgcLinks.Root}/collections/{collection.Id}";
        return new FeatureResult(feature,
        [
            new(OgcLinks.Absolute(request, $"{itemsPath}/items/{id}"), "self", OgcMediaTypes.GeoJson),
            new(OgcLinks.Absolute(request, itemsPath), "collection", OgcMediaTypes.Json),
        ]);
    }

    private static Dictionary<string, string> PageParameters(int offset, int limit) => new()
    {
        ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
        ["limit"] = limit.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<object> DescribeAsync(HttpRequest request, IFeatureStore store, CollectionDefinition collection, CancellationToken cancellationToken)
    {
        var extent = await store.GetExtentAsync(collection, cancellationToken);
        var path = $"{OgcLinks.Root}/collections/{collection.Id}";
        return new
        {
            id = collection.Id,
            title = collection.TitleZh,
            description = collection.DescriptionZh,
            extent = extent is null ? null : new
            {
                spatial = new { bbox = new[] { new[] { extent.MinX, extent.MinY, extent.MaxX, extent.MaxY } }, crs = Crs84 },
            },
            itemType = "feature",
            crs = new[] { Crs84 },
            storageCrs = StorageCrs,
            links = new[]
            {
                new Link(OgcLinks.Absolute(request, path), "self", OgcMediaTypes.Json, collection.TitleZh),
                new Link(OgcLinks.Absolute(request, path + "/items"), "items", OgcMediaTypes.GeoJson, collection.TitleZh),
            },
        };
    }
}
