using Geo.Api.Hosting;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// The dataset's vector tiles, <c>/ogcapi/tiles/WebMercatorQuad/{z}/{row}/{col}</c>: one tile with a layer per
/// collection (every collection with geometry, or those named in <c>collections</c>), so a map draws its base layers
/// from one request per tile.
/// </summary>
internal static class DatasetTilesEndpoints
{
    private const int MaxCollections = 16;

    public static IEndpointRouteBuilder MapDatasetTiles(this IEndpointRouteBuilder api)
    {
        api.MapGet("/tiles", Tilesets).WithName("datasetTilesets").WithSummary("The dataset's vector tilesets (all collections in one tile)")
            .ProducesJson<TilesetList>(OgcMediaTypes.Json);
        api.MapGet("/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", Tile).WithName("datasetTile")
            .WithSummary("A Mapbox Vector Tile with a layer per collection (collections=a,b to choose; default every collection with geometry)")
            .ProducesTile();
        return api;
    }

    private static JsonHttpResult<TilesetList> Tilesets(HttpRequest request) => TypedResults.Json(new TilesetList(
        [new Link(OgcLinks.Absolute(request, $"{OgcLinks.Root}/tiles"), "self", OgcMediaTypes.Json)],
        [
            new TilesetItem("开州区“小县大城”试点规划地图（全部图层）", "vector", WebMercatorQuad.CrsUri, WebMercatorQuad.Uri,
                TilesetLinks.TilingSchemeAndTiles(request, $"{OgcLinks.Root}/tiles/{WebMercatorQuad.Id}").ToList()),
        ]), OgcJson.Options);

    private static Task<Results<FileContentHttpResult, NoContent, StatusCodeHttpResult, ProblemHttpResult>> Tile(
        string tileMatrixSetId, string tileMatrix, string tileRow, string tileCol, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "collections")] string? collections,
        HttpContext context, IFeatureStore store, IVectorTileSource tiles, TileOverviews overviews, TileCache cache, IConfiguration configuration, CancellationToken cancellationToken) =>
        TilesEndpoints.AnswerAsync(Chosen(collections), tileMatrixSetId, tileMatrix, tileRow, tileCol, context, store, tiles, overviews, cache, configuration, cancellationToken);

    private static List<CollectionDefinition> Chosen(string? collections)
    {
        if (string.IsNullOrWhiteSpace(collections))
        {
            return Catalog.All.Where(c => c.HasGeometry).ToList();
        }

        var ids = collections.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > MaxCollections)
        {
            throw InputException.TooLarge("collections", $"{ids.Length} collections were asked for", $"{MaxCollections} collections");
        }

        return ids.Distinct().Select(id => TilesEndpoints.TiledCollection(id)
                ?? throw InputException.Invalid("collections", $"'{id}' is not a collection with geometry", "name collections from /ogcapi/collections that have an extent"))
            .ToList();
    }
}
