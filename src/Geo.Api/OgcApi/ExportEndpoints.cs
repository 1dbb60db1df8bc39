namespace Geo.Api.OgcApi;

/// <summary>
/// <c>/collections/{id}/export</c>: every feature an items query selects (no page limit) as one file to download,
/// bounded by <c>Exports:MaxFeatures</c> (413 naming it above). Features stream from the store into the writer: CSV,
/// 报盘 TXT and GeoJSON go straight to the response; a GeoPackage and a zipped Shapefile are written to a temporary
/// file first (SQLite and the shapefile's headers need to seek), so memory stays flat and the disk holds one file.
/// </summary>
internal static class ExportEndpoints
{
    /// <summary>
    /// The paging parameters of items and <c>resultType</c>, which an export refuses by name (an export has no pages and
    /// always holds the features); the rest of
    /// <see cref="ItemsRequest"/> selects what is exported, as for items. The OpenAPI document leaves them out.
    /// </summary>
    public static readonly IReadOnlySet<string> RefusedNames = new HashSet<string>(StringComparer.Ordinal) { "limit", "offset", PageCursor.Parameter, "resultType" };

    public static async Task<Results<FeatureCollectionResult, CsvFeatureCollectionResult, BaopanFeatureCollectionResult, ShapefileFeatureCollectionResult,
        GeoPackageFeatureCollectionResult, ProblemHttpResult>> Export(
        string collectionId, [AsParameters] ItemsRequest parameters, HttpContext context, IFeatureStore store, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (Catalog.Find(collectionId) is not { } collection)
        {
            return Problems.UnknownCollection(collectionId);
        }

        if (context.Request.Query.Keys.FirstOrDefault(RefusedNames.Contains) is { } refused)
        {
            throw InputException.Invalid(refused, "an export holds every feature the query selects and has no pages",
                "drop limit, offset, cursor and resultType (for the number alone, ask items?resultType=hits), and narrow the export with bbox, datetime, filter or property parameters");
        }

        var extra = context.Request.Query.Where(q => !ItemsRequest.Names.Contains(q.Key))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        var items = ItemsQueryParser.Parse(collection, parameters, extra) with { Precision = ItemsQueryParser.ParsePrecision(parameters.Precision) };
        ItemsEndpoints.CheckWritable(collection, items.Format);

        // Counted first, so that an export over the limit (or a filter that cannot run) is a problem+json before any
        // byte is written; counted and read in one snapshot, so the rows sent are exactly the rows counted, whatever
        // is written meanwhile. The rows may take as long as the export may (the database's usual limit is sized for a page).
        var limits = ExportLimits.From(configuration);
        var query = items.Query with { Limit = null, Offset = 0, TimeLimit = TimeSpan.FromSeconds(limits.TimeoutSeconds) };
        var snapshot = await store.QuerySnapshotAsync(query, cancellationToken);
        context.Response.RegisterForDisposeAsync(snapshot);
        var matched = snapshot.Matched;
        if (matched > limits.MaxFeatures)
        {
            throw TooMany(collection, matched, limits.MaxFeatures);
        }

        var features = snapshot.Features;
        switch (items.Format)
        {
            case OutputFormat.Csv:
                return new CsvFeatureCollectionResult(features, collection, items);
            case OutputFormat.BaopanTxt:
                return new BaopanFeatureCollectionResult(features, collection, items);
            case OutputFormat.Shapefile:
                return new ShapefileFeatureCollectionResult(features, collection, items.ShapefileEncoding);
            case OutputFormat.GeoPackage:
                return new GeoPackageFeatureCollectionResult(features, collection);
            case OutputFormat.GeoJson:
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"{collection.Id}.geojson\"";
                return new FeatureCollectionResult(features, items, matched, numberMatchedIsEstimate: false,
                    () => [new(OgcLinks.WithQuery(context.Request, new Dictionary<string, string>()), "self", OgcMediaTypes.GeoJson)], []);
            default:
                throw new System.Diagnostics.UnreachableException($"output format {items.Format} is not handled");
        }
    }

    private static InputException TooMany(CollectionDefinition collection, long selected, long max) =>
        InputException.TooLarge("filter", $"the export selects {selected:N0} features of '{collection.Id}'; narrow it with bbox, datetime or filter, "
            + "or ask the administrator to raise Exports:MaxFeatures", $"{max:N0} features (Exports:MaxFeatures)");
}
