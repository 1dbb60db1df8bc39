using System.Globalization;
using Geo.Api.Search.Internal;
using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Search;

/// <summary>
/// <c>GET /api/search?q=&amp;limit=</c>: the header's search box. Projects by 序号 or any part of the name, zones,
/// township seats (name or code), facilities and parcels by number, through <see cref="IFeatureStore"/> with a CQL2
/// filter, so PostGIS answers it in SQL and large layers are never read whole.
/// </summary>
public static class SearchApi
{
    public const int MaxQueryLength = 100;
    public const int MaxLimit = 50;
    private const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync)
            .WithTags("搜索 Search")
            .WithName("Search")
            .WithSummary("搜索：按序号或名称查找项目、片区、乡镇、设施，按编号查找地块")
            .WithDescription($"q: 1–{MaxQueryLength} characters, matched anywhere in the names (case-insensitive) and, when it is a number "
                + $"(\"12\", \"序号12\"), against project, zone and parcel numbers. limit: 1–{MaxLimit} (default {DefaultLimit}). Hits are "
                + "ordered: number, whole name, name start, name part; then projects, zones, townships, facilities, parcels. bbox is "
                + "minLon,minLat,maxLon,maxLat in EPSG:4490.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        [FromQuery] string? q, [FromQuery] int? limit, IFeatureStore store, CancellationToken cancellationToken)
    {
        var text = q?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxQueryLength)
        {
            return Invalid("q", $"give q, 1–{MaxQueryLength} characters of a name or a number (e.g. q=胡桥 or q=12); got {text.Length}");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Invalid("limit", $"limit must be 1–{MaxLimit}; got {limit}");
        }

        var query = SearchQuery.Parse(text);
        var count = limit ?? DefaultLimit;
        var hits = new List<(int Rank, int Target, SearchHit Hit)>();
        foreach (var (target, order) in SearchTarget.All.Select((t, i) => (t, i)))
        {
            if (query.FilterFor(target) is not { } filter)
            {
                continue;
            }

            // At most `count` hits per collection (in id order) fill the answer without reading a large layer whole; in a
            // very large layer a better-ranked hit beyond them is found by typing more of the name.
            await foreach (var feature in store.QueryAsync(new FeatureQuery(target.Collection) { Filter = filter, Limit = count }, cancellationToken))
            {
                var envelope = feature.Geometry?.EnvelopeInternal;
                hits.Add((
                    query.Rank(target, feature.Id, p => feature[p] as string),
                    order,
                    new SearchHit(
                        target.Collection.Id, feature.Id, feature[target.LabelProperty] as string ?? feature.Id.ToString(CultureInfo.InvariantCulture),
                        envelope is null || envelope.IsNull ? null : [envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY])));
            }
        }

        var results = hits.OrderBy(h => h.Rank).ThenBy(h => h.Target).ThenBy(h => h.Hit.Id).Take(count).Select(h => h.Hit).ToList();
        return TypedResults.Ok(new SearchResponse(text, results));
    }

    private static ProblemHttpResult Invalid(string parameter, string detail) =>
        TypedResults.Problem(
            title: $"Invalid input '{parameter}'",
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}

/// <summary>The search answer: the query as read (trimmed) and the hits, best first.</summary>
public sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Results);

/// <summary>
/// One hit: the collection and feature id (as in <c>/ogcapi/collections/{collection}/items/{id}</c>), its name (a
/// parcel's land-use class) and its bounding box (minLon, minLat, maxLon, maxLat, EPSG:4490) to zoom to.
/// </summary>
public sealed record SearchHit(string Collection, long Id, string Label, double[]? Bbox);
