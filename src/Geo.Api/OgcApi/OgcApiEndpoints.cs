using Geo.Api.Hosting;
using Geo.Api.OgcApi.Tiles;

namespace Geo.Api.OgcApi;

/// <summary>
/// OGC API – Features Parts 1–3 under <c>/ogcapi</c>: core, GeoJSON, CRS by reference, CQL2 filtering, queryables,
/// sorting and property selection, and a POST search for filters too long for a URL.
/// </summary>
public static class OgcApiEndpoints
{
    public static IEndpointRouteBuilder MapOgcApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(OgcLinks.Root).WithTags("OGC API – Features");
        api.MapGet("/", LandingEndpoints.Landing).WithName("landing").WithSummary("Landing page")
            .Produces(StatusCodes.Status200OK, contentType: OgcMediaTypes.Json);
        api.MapGet("/conformance", LandingEndpoints.Conformance).WithName("conformance").WithSummary("Conformance classes implemented")
            .Produces(StatusCodes.Status200OK, contentType: OgcMediaTypes.Json);
        api.MapGet("/collections", CollectionsEndpoints.Collections).WithName("collections").WithSummary("The collections")
            .Produces(StatusCodes.Status200OK, contentType: OgcMediaTypes.Json)
            .Produces(StatusCodes.Status304NotModified);
        api.MapGet("/collections/{collectionId}", CollectionsEndpoints.Collection).WithName("collection").WithSummary("One collection")
            .Produces(StatusCodes.Status200OK, contentType: OgcMediaTypes.Json)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/queryables", CollectionsEndpoints.Queryables).WithName("queryables")
            .WithSummary("JSON Schema of the properties a filter, sortby or properties parameter may use")
            .Produces(StatusCodes.Status200OK, contentType: "application/schema+json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/items", ItemsEndpoints.Items).WithName("items")
            .WithSummary("Features, filtered by bbox, datetime, properties or CQL2, sorted, paged, in a chosen CRS; GeoJSON, CSV, zipped Shapefile (f=shp, UTF-8 or encoding=gbk, EPSG:4490), GeoPackage (f=gpkg, EPSG:4490) or (polygon collections) 报盘 TXT in GBK, zone 36 with prefix or EPSG:4545 with crs")
            .WithDescription("Any other query parameter named after a queryable is an equality filter, e.g. ?funding=政府. "
                + "limit defaults to 100 and is lowered to 10000 at most (the response's notes say so).")
            .Produces(StatusCodes.Status200OK, contentType: OgcMediaTypes.GeoJson, additionalContentTypes: ["text/csv", "text/plain", "application/zip", OgcMediaTypes.GeoPackage])
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/collections/{collectionId}/search", ItemsEndpoints.Search).WithName("search")
            .WithSummary("The items query with a CQL2-JSON filter in the body, for drawn polygons too long for a URL")
            .WithDescription("The body is a CQL2-JSON filter, or {\"filter\": <CQL2-JSON>, \"filter-crs\", \"limit\", \"offset\", \"crs\", "
                + "\"sortby\", \"properties\", \"bbox\", \"bbox-crs\", \"datetime\"}; page with offset in the body.")
            .Accepts<object>("application/json", "application/query-cql-json")
            .Produces(StatusCodes.Status200OK, contentType: OgcMediaTypes.GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesBodyProblems();
        api.MapGet("/collections/{collectionId}/items/{featureId}", ItemsEndpoints.Item).WithName("feature").WithSummary("One feature")
            .Produces(StatusCodes.Status200OK, contentType: OgcMediaTypes.GeoJson)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapOgcApiTiles();
        return app;
    }
}
