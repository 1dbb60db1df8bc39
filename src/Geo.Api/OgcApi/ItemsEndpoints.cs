using System.Globalization;
using Geo.Core.Crs;
using Geo.Core.Filters;
using ItemsAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Geo.Api.OgcApi.FeatureCollectionResult,
    Geo.Api.OgcApi.CsvFeatureCollectionResult,
    Geo.Api.OgcApi.BaopanFeatureCollectionResult,
    Geo.Api.OgcApi.ShapefileFeatureCollectionResult,
    Geo.Api.OgcApi.GeoPackageFeatureCollectionResult,
    Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult>;

namespace Geo.Api.OgcApi;

/// <summary>Features: a page of items (GET, or POST search with a CQL2-JSON body) and one feature.</summary>
internal static class ItemsEndpoints
{
    public static async Task<Results<ItemsAnswer, ProblemHttpResult>> Items(
        string collectionId, [AsParameters] ItemsRequest parameters, HttpContext context, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        var extra = context.Request.Query.Where(q => !ItemsRequest.Names.Contains(q.Key))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return await AnswerAsync(
            collection, () => ItemsQueryParser.Parse(collection, parameters, extra) with { Precision = ItemsQueryParser.ParsePrecision(parameters.Precision) },
            context, store, pageLinks: true, cancellationToken);
    }

    public static async Task<Results<ItemsAnswer, ProblemHttpResult>> Search(string collectionId, HttpContext context, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw InputException.Invalid("body", $"the body is not JSON (line {e.LineNumber + 1}): {e.Message}",
                "send a CQL2-JSON filter, or {\"filter\": <CQL2-JSON>, \"limit\": 100, …}");
        }

        using (body)
        {
            return await AnswerAsync(collection, () => SearchBody.Parse(collection, body.RootElement, context.Request.Query), context, store, pageLinks: false, cancellationToken);
        }
    }

    public static async Task<Results<FeatureResult, StatusCodeHttpResult, ProblemHttpResult>> Item(
        string collectionId, string featureId, [AsParameters] FeatureRequest parameters, HttpContext context, IFeatureStore store, IFeatureEditor editor,
        CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        var query = ItemsQueryParser.Parse(
            collection, new ItemsRequest(null, null, null, null, parameters.Crs, null, null, null, null, null, parameters.Properties, null), [])
            with { Precision = ItemsQueryParser.ParsePrecision(parameters.Precision) };

        if (!long.TryParse(featureId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            return Problems.UnknownFeature(collectionId, featureId);
        }

        Feature feature;
        StatusCodeHttpResult? notModified;
        if (collection.Editable)
        {
            // An editable collection's item carries its version as a strong ETag, the one PUT and DELETE expect in
            // If-Match. A soft-deleted feature is Gone, not unknown: its history stays and an admin can restore it.
            var found = await editor.FindAsync(collection, id, cancellationToken);
            if (found.Live is not { } versioned)
            {
                return found.DeletedVersion is { } deleted
                    ? Problems.DeletedFeature(collectionId, featureId, deleted)
                    : Problems.UnknownFeature(collectionId, featureId);
            }

            (feature, notModified) = (versioned.Feature, ItemVersionTag(context, versioned.Version));
        }
        else
        {
            // The version before the feature: read after it, a write committed between the two would give the old
            // feature the new version's ETag, and a client asking again with it would be told 304 for data it lacks.
            var version = await store.GetDataVersionAsync(cancellationToken);
            if (await store.GetAsync(collection, id, cancellationToken) is not { } plain)
            {
                return Problems.UnknownFeature(collectionId, featureId);
            }

            (feature, notModified) = (plain, ConditionalGet.NotModified(context, version));
        }

        if (notModified is not null)
        {
            return notModified;
        }

        var path = $"{OgcLinks.Root}/collections/{collection.Id}";
        return new FeatureResult(feature, query.Crs, query.Properties, query.Decimals,
        [
            new(OgcLinks.Absolute(context.Request, $"{path}/items/{id}", context.Request.QueryString), "self", OgcMediaTypes.GeoJson),
            new(OgcLinks.Absolute(context.Request, path), "collection", OgcMediaTypes.Json),
        ]);
    }

    private static StatusCodeHttpResult? ItemVersionTag(HttpContext context, long version)
    {
        var etag = ItemEditEndpoints.ETag(version);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : null;
    }

    private static async Task<ItemsAnswer> AnswerAsync(
        CollectionDefinition collection, Func<ItemsQuery> parse, HttpContext context, IFeatureStore store, bool pageLinks, CancellationToken cancellationToken)
    {
        var items = parse();

        // A conditional request reads the version first: a 304 needs no page. Otherwise the ETag is made from the
        // version the store read with the page, in the same round trip.
        var conditional = pageLinks && context.Request.Headers.IfNoneMatch.Count > 0;
        if (conditional && await ConditionalGet.NotModifiedAsync(context, store, cancellationToken) is { } notModified)
        {
            return notModified;
        }

        CheckWritable(collection, items.Format);
        if (items.ResultType == ResultType.Hits)
        {
            return await HitsAsync(items, context, store, etag: pageLinks && !conditional, cancellationToken);
        }

        // The store runs the filter before returning the page, so an error in it (a value that cannot be computed)
        // becomes a 400 before the answer starts. The page holds the reader until the response is written.
        // One feature past the limit says whether a next page exists, read in the same snapshot as the page.
        var limit = items.Query.Limit!.Value;
        var page = await store.QueryPageAsync(items.Query with { Limit = limit + 1 }, cancellationToken);
        context.Response.RegisterForDisposeAsync(page);
        if (pageLinks && !conditional)
        {
            ConditionalGet.NotModified(context, page.DataVersion ?? await store.GetDataVersionAsync(cancellationToken));
        }

        var window = new PageWindow(page.Features, limit);
        switch (items.Format)
        {
            case OutputFormat.Csv:
                return new CsvFeatureCollectionResult(window.Features, collection, items);
            case OutputFormat.BaopanTxt:
                return new BaopanFeatureCollectionResult(window.Features, collection, items);
            case OutputFormat.Shapefile:
                return new ShapefileFeatureCollectionResult(window.Features, collection, items.ShapefileEncoding);
            case OutputFormat.GeoPackage:
                return new GeoPackageFeatureCollectionResult(window.Features, collection);
            case OutputFormat.GeoJson:
                break;
        }

        var notes = new List<string>();
        if (items.LimitClamped is { } asked)
        {
            notes.Add($"limit {asked} was lowered to the maximum {ItemsQueryParser.MaxLimit}");
        }

        if (page.MatchedIsEstimate)
        {
            notes.Add("numberMatched is an estimate (the database planner's, or from the features examined), not an exact count: counting every match would cost more than the page");
        }

        return new FeatureCollectionResult(window.Features, items, page.Matched, page.MatchedIsEstimate, () => Links(context.Request, items, window, pageLinks), notes);
    }

    /// <summary>
    /// The number matched alone, counted exactly whatever it costs (within the store's time limit for a statement): what
    /// query by area shows for a layer drawn from tiles. Offset, limit and cursor do not narrow it. The version is read
    /// before the count, so the ETag is never newer than the number.
    /// </summary>
    private static async Task<FeatureCollectionResult> HitsAsync(ItemsQuery items, HttpContext context, IFeatureStore store, bool etag, CancellationToken cancellationToken)
    {
        if (etag)
        {
            ConditionalGet.NotModified(context, await store.GetDataVersionAsync(cancellationToken));
        }

        var matched = await store.CountAsync(items.Query with { Offset = 0, After = null, Limit = null }, cancellationToken);
        return new FeatureCollectionResult(AsyncEnumerable.Empty<Feature>(), items, matched, numberMatchedIsEstimate: false, () => [SelfLink(context.Request)], []);
    }

    /// <summary>A 400 for a format the collection's geometry cannot be written in (items and export).</summary>
    public static void CheckWritable(CollectionDefinition collection, OutputFormat format)
    {
        if (format == OutputFormat.BaopanTxt && collection.Geometry is not (GeometryKind.MultiPolygon or GeometryKind.PointOrPolygon))
        {
            throw InputException.Invalid("f", $"'{collection.Id}' holds no polygons, and a 报盘 TXT lists 地块 outlines", "use f=json or f=csv");
        }

        if (format == OutputFormat.Shapefile && !ShapefileFeatureCollectionResult.CanWrite(collection))
        {
            throw InputException.Invalid("f", $"'{collection.Id}' mixes geometry types or has none, and a shapefile holds one", "use f=json or f=csv");
        }
    }

    private static Link SelfLink(HttpRequest request) => new(OgcLinks.WithQuery(request, new Dictionary<string, string>()), "self", OgcMediaTypes.GeoJson);

    private static List<Link> Links(HttpRequest request, ItemsQuery items, PageWindow window, bool pageLinks)
    {
        var links = new List<Link> { SelfLink(request) };
        if (!pageLinks)
        {
            return links;
        }

        links.Add(new(OgcLinks.WithQuery(request, new Dictionary<string, string> { ["f"] = "csv" }), "alternate", "text/csv", "CSV"));
        var query = items.Query;
        var limit = query.Limit!.Value.ToString(CultureInfo.InvariantCulture);

        // Keyset: next carries the last feature's key (and replaces any offset), so a deep page costs what the first does.
        if (window.More && window.Last is { } last)
        {
            var key = new FeatureCursor(
                query.SortBy.Select(k => k.Property == "id" ? last.Id : last[k.Property]).ToList(), last.Id,
                (query.After?.Position ?? query.Offset) + window.Returned);
            var next = new Dictionary<string, string> { [PageCursor.Parameter] = PageCursor.Encode(query.Collection, query.SortBy, key), ["limit"] = limit };
            links.Add(new(OgcLinks.WithQuery(request, next, drop: "offset"), "next", OgcMediaTypes.GeoJson, "下一页"));
        }

        // Offset paging still answers clients that send offset; a keyset page has no previous key to go back to.
        if (query.After is null && query.Offset > 0)
        {
            var previous = new Dictionary<string, string>
            {
                ["offset"] = Math.Max(0, query.Offset - query.Limit.Value).ToString(CultureInfo.InvariantCulture),
                ["limit"] = limit,
            };
            links.Add(new(OgcLinks.WithQuery(request, previous), "prev", OgcMediaTypes.GeoJson, "上一页"));
        }

        return links;
    }
}
