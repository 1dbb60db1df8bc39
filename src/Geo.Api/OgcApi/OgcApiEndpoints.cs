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
        api.MapGet("/", LandingEndpoints.Landing).WithName("landing").WithSummary("Landing page");
        api.MapGet("/conformance", LandingEndpoints.Conformance).WithName("conformance").WithSummary("Conformance classes implemented");
        api.MapGet("/collections", CollectionsEndpoints.Collections).WithName("collections").WithSummary("The collections");
        api.MapGet("/collections/{collectionId}", CollectionsEndpoints.Collection).WithName("collection").WithSummary("One collection");
        api.MapGet("/collections/{collectionId}/queryables", CollectionsEndpoints.Queryables).WithName("queryables")
            .WithSummary("JSON Schema of the properties a filter, sortby or property parameter may use");
        api.MapGet("/collections/{collectionId}/items", ItemsEndpoints.Items).WithName("items")
            .WithSummary("Features, filtered by bbox, datetime, properties or CQL2, sorted, paged, in a chosen CRS; GeoJSON or CSV");
        api.MapPost("/collections/{collectionId}/search", ItemsEndpoints.Search).WithName("search")
            .WithSummary("The same query as items, with a CQL2-JSON filter in the body (for drawn polygons too long for a URL)")
            .Accepts<object>("application/json", "application/query-cql-json");
        api.MapGet("/collections/{collectionId}/items/{featureId}", ItemsEndpoints.Item).WithName("feature").WithSummary("One feature");
        return app;
    }
}
