using Geo.Api.Hosting;
using Geo.Api.OgcApi.Tiles;
using Microsoft.AspNetCore.Http.Timeouts;

namespace Geo.Api.OgcApi;

/// <summary>
/// OGC API – Features Parts 1–4 under <c>/ogcapi</c>: core, GeoJSON, CRS by reference, CQL2 filtering, queryables,
/// sorting and property selection, a POST search for filters too long for a URL, and edits of the editable collections.
/// </summary>
public static class OgcApiEndpoints
{
    public static IEndpointRouteBuilder MapOgcApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(OgcLinks.Root).WithTags("OGC API – Features");
        api.MapGet("/", LandingEndpoints.Landing).WithName("landing").WithSummary("Landing page")
            .WithDescription("Links to the OpenAPI document (service-desc), the API page (service-doc), the conformance declaration and the collections.")
            .ProducesJson<LandingPage>(OgcMediaTypes.Json);
        api.MapGet("/conformance", LandingEndpoints.Conformance).WithName("conformance").WithSummary("Conformance classes implemented")
            .WithDescription("Exactly the classes implemented: clients such as QGIS push filters to the server only for the classes listed.")
            .ProducesJson<ConformanceDeclaration>(OgcMediaTypes.Json);
        api.MapGet("/collections", CollectionsEndpoints.Collections).WithName("collections").WithSummary("The collections")
            .WithDescription("Every collection with its extent (CRS84 bbox, time interval), CRSs and links; the ETag follows the data version (304 when unchanged).")
            .ProducesJson<CollectionList>(OgcMediaTypes.Json)
            .Produces(StatusCodes.Status304NotModified);
        api.MapGet("/collections/{collectionId}", CollectionsEndpoints.Collection).WithName("collection").WithSummary("One collection")
            .WithDescription("As in /collections, for one collection; 404 names the collections list.")
            .ProducesJson<CollectionDescription>(OgcMediaTypes.Json)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/queryables", CollectionsEndpoints.Queryables).WithName("queryables")
            .WithSummary("JSON Schema of the properties a filter, sortby or properties parameter may use")
            .WithDescription("Types and, for coded properties, the allowed values (enum) from the catalog.")
            .ProducesJson<Queryables>("application/schema+json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/items", ItemsEndpoints.Items).WithName("items")
            .WithSummary("Features, filtered by bbox, datetime, properties or CQL2, sorted, paged, in a chosen CRS; GeoJSON, CSV, zipped Shapefile (f=shp, UTF-8 or encoding=gbk, EPSG:4490), GeoPackage (f=gpkg, EPSG:4490) or (polygon collections) 报盘 TXT in GBK, zone 36 with prefix or EPSG:4545 with crs")
            .WithDescription("Any other query parameter named after a queryable is an equality filter, e.g. ?funding=政府. "
                + "limit defaults to 100 and is lowered to 10000 at most (the response's notes say so).")
            .ProducesFeatureFormats()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/export", ExportEndpoints.Export).WithName("export")
            .WithSummary("Every feature an items query selects, as one file: GeoPackage (f=gpkg), zipped Shapefile (f=shp, encoding=gbk), CSV, 报盘 TXT (f=txt) or GeoJSON (the default)")
            .WithDescription("The parameters of items without paging (limit, offset and cursor are refused): every match is written, streamed from the store, "
                + $"up to Exports:MaxFeatures (default {ExportLimits.DefaultMaxFeatures:N0}; 413 above it, before anything is written), "
                + $"within Exports:TimeoutSeconds (default {ExportLimits.DefaultTimeoutSeconds}) instead of the request timeout. Answered as an attachment.")
            .ProducesFeatureFormats()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithRequestTimeout(new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(ExportLimits.From(app.ServiceProvider.GetRequiredService<IConfiguration>()).TimeoutSeconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            });
        api.MapPost("/collections/{collectionId}/search", ItemsEndpoints.Search).WithName("search")
            .WithSummary("The items query with a CQL2-JSON filter in the body, for drawn polygons too long for a URL")
            .WithDescription("The body is a CQL2-JSON filter, or {\"filter\": <CQL2-JSON>, \"filter-crs\", \"limit\", \"offset\", \"crs\", "
                + "\"sortby\", \"properties\", \"bbox\", \"bbox-crs\", \"datetime\"}; page with offset in the body.")
            .Accepts<object>("application/json", "application/query-cql-json")
            .ProducesJson<ItemsPage>(OgcMediaTypes.GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesBodyProblems();
        api.MapGet("/collections/{collectionId}/items/{featureId}", ItemsEndpoints.Item).WithName("feature").WithSummary("One feature")
            .WithDescription("GeoJSON with a top-level integer id; crs, properties and precision as for items. "
                + "For an editable collection the ETag is strong and is the feature's version, which PUT, PATCH and DELETE expect in If-Match; "
                + "a deleted feature of one answers 410 Gone (its history stays).")
            .ProducesJson<FeatureDocument>(OgcMediaTypes.GeoJson)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapItemEdits();
        api.MapItemHistory();
        app.MapOgcApiTiles();
        return app;
    }
}
