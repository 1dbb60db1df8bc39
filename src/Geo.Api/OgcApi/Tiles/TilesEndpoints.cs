using System.Globalization;
using Geo.Api.Hosting;
using Microsoft.Net.Http.Headers;

using TileAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.NoContent,
    Microsoft.AspNetCore.Http.HttpResults.StatusCodeHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// OGC API – Tiles under <c>/ogcapi</c>: the WebMercatorQuad tile matrix set, each collection's vector tileset and its
/// Mapbox Vector Tiles. A tile holds one layer named after the collection; a tile with no feature answers 204.
/// </summary>
internal static class TilesEndpoints
{
    public const string MediaType = "application/vnd.mapbox-vector-tile";

    /// <summary>Above this many features a tile is refused (413) rather than built: the client should zoom in.</summary>
    public const int DefaultMaxFeatures = 50_000;

    public static IEndpointRouteBuilder MapOgcApiTiles(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(OgcLinks.Root).WithTags("OGC API – Tiles");
        api.MapGet("/tileMatrixSets", TileMatrixSets).WithName("tileMatrixSets").WithSummary("The tile matrix sets tiles are served in")
            .ProducesJson<TileMatrixSetList>(OgcMediaTypes.Json);
        api.MapGet("/tileMatrixSets/{tileMatrixSetId}", TileMatrixSet).WithName("tileMatrixSet").WithSummary("One tile matrix set")
            .ProducesJson<TileMatrixSetDefinition>(OgcMediaTypes.Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/tiles", Tilesets).WithName("collectionTilesets").WithSummary("The collection's vector tilesets")
            .ProducesJson<TilesetList>(OgcMediaTypes.Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}", Tileset).WithName("collectionTileset")
            .WithSummary("One vector tileset: its tile matrix set, layer and URL template")
            .ProducesJson<TilesetMetadata>(OgcMediaTypes.Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", Tile).WithName("collectionTile")
            .WithSummary("A Mapbox Vector Tile of the collection: id and the styling properties, simplified to the zoom")
            .WithDescription($"204 when no feature intersects the tile; 413 when more than {DefaultMaxFeatures} (Tiles:MaxFeaturesPerTile) do, so zoom in. "
                + $"At tileMatrix 0–{TileGeneralisation.MaxZoom} a polygon collection of more than Tiles:GeneraliseAboveFeatures features is generalised "
                + $"into class cells (generalised=true; the tileset's layer description says how) and never refused; at tileMatrix {TileGeneralisation.MergedZoom} "
                + "its touching features of one class are merged into one shape per class (generalised=true, no id).")
            .ProducesTile();
        api.MapDatasetTiles();
        return app;
    }

    /// <summary>What a tile request answers: the MVT as a binary file, 204 for an empty tile, 304, or a problem.</summary>
    public static RouteHandlerBuilder ProducesTile(this RouteHandlerBuilder builder) =>
        builder.ProducesFile(MediaType)
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static JsonHttpResult<TileMatrixSetList> TileMatrixSets(HttpRequest request) => TypedResults.Json(new TileMatrixSetList(
    [
        new TileMatrixSetItem(WebMercatorQuad.Id, WebMercatorQuad.Title, WebMercatorQuad.Uri, WebMercatorQuad.CrsUri,
            [new Link(OgcLinks.Absolute(request, $"{OgcLinks.Root}/tileMatrixSets/{WebMercatorQuad.Id}"), "self", OgcMediaTypes.Json, WebMercatorQuad.Title)]),
    ]), OgcJson.Options);

    private static Results<JsonHttpResult<TileMatrixSetDefinition>, ProblemHttpResult> TileMatrixSet(string tileMatrixSetId) =>
        tileMatrixSetId == WebMercatorQuad.Id ? TypedResults.Json(WebMercatorQuad.Definition(), OgcJson.Options) : UnknownTileMatrixSet(tileMatrixSetId);

    private static Results<JsonHttpResult<TilesetList>, ProblemHttpResult> Tilesets(string collectionId, HttpRequest request)
    {
        if (TiledCollection(collectionId) is not { } collection)
        {
            return NoTiles(collectionId);
        }

        return TypedResults.Json(new TilesetList(
            [new Link(OgcLinks.Absolute(request, $"{OgcLinks.Root}/collections/{collection.Id}/tiles"), "self", OgcMediaTypes.Json)],
            [TilesetSummary(request, collection)]), OgcJson.Options);
    }

    private static async Task<Results<JsonHttpResult<TilesetMetadata>, ProblemHttpResult>> Tileset(
        string collectionId, string tileMatrixSetId, HttpRequest request, IFeatureStore store, TileOverviews overviews, CancellationToken cancellationToken)
    {
        if (TiledCollection(collectionId) is not { } collection)
        {
            return NoTiles(collectionId);
        }

        if (tileMatrixSetId != WebMercatorQuad.Id)
        {
            return UnknownTileMatrixSet(tileMatrixSetId);
        }

        var summary = TilesetSummary(request, collection);
        var geometryDimension = collection.Geometry switch
        {
            GeometryKind.Point => (int?)0,
            GeometryKind.LineString => 1,
            GeometryKind.MultiPolygon => 2,
            GeometryKind.PointOrPolygon or GeometryKind.None => null,
            _ => throw new System.Diagnostics.UnreachableException($"GeometryKind {collection.Geometry} is not handled here"),
        };
        var generalised = await overviews.IsGeneralisedAsync(collection, (await store.GetCollectionVersionsAsync([collection], cancellationToken))[0], cancellationToken);
        // Not the id: it is each MVT feature's id, not one of its properties.
        var properties = TileProperties.For(collection).ToDictionary(p => p.Name, p => new TileLayerProperty(p.TitleZh));
        if (generalised)
        {
            properties[TileGeneralisation.GeneralisedProperty] = new TileLayerProperty("概括显示的格网（非单个要素）");
        }

        return TypedResults.Json(new TilesetMetadata(summary.Title, summary.DataType, summary.Crs, summary.TileMatrixSetUri, summary.Links,
            [new TilesetLayer(collection.Id, collection.TitleZh, generalised ? TileGeneralisation.Description(collection) : null, "vector", geometryDimension,
                new TileLayerSchema("object", properties))]), OgcJson.Options);
    }

    private static async Task<TileAnswer> Tile(
        string collectionId, string tileMatrixSetId, string tileMatrix, string tileRow, string tileCol,
        HttpContext context, IFeatureStore store, IVectorTileSource tiles, TileOverviews overviews, TileCache cache, IConfiguration configuration, CancellationToken cancellationToken) =>
        TiledCollection(collectionId) is { } collection
            ? await AnswerAsync([collection], tileMatrixSetId, tileMatrix, tileRow, tileCol, context, store, tiles, overviews, cache, configuration, cancellationToken)
            : NoTiles(collectionId);

    /// <summary>
    /// One tile with a layer per collection. An MVT is a sequence of layer messages, so the collections' tiles,
    /// each made by the backend alone, are concatenated into one; the result is kept in the <see cref="TileCache"/>.
    /// </summary>
    public static async Task<TileAnswer> AnswerAsync(
        IReadOnlyList<CollectionDefinition> collections, string tileMatrixSetId, string tileMatrix, string tileRow, string tileCol,
        HttpContext context, IFeatureStore store, IVectorTileSource tiles, TileOverviews overviews, TileCache cache, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (tileMatrixSetId != WebMercatorQuad.Id)
        {
            return UnknownTileMatrixSet(tileMatrixSetId);
        }

        var tile = new TileAddress(Index("tileMatrix", tileMatrix), Index("tileCol", tileCol), Index("tileRow", tileRow));
        if (tile.Z > TileAddress.MaxZoom || tile.X >= tile.MatrixSize || tile.Y >= tile.MatrixSize)
        {
            return TypedResults.Problem(
                title: "Tile not found",
                detail: tile.Z > TileAddress.MaxZoom
                    ? $"tileMatrix {tile.Z} is not in {WebMercatorQuad.Id}, which has tile matrices 0 to {TileAddress.MaxZoom}"
                    : $"tile {tile} is outside tile matrix {tile.Z}, whose rows and columns run from 0 to {tile.MatrixSize - 1}",
                statusCode: StatusCodes.Status404NotFound);
        }

        var key = TileCache.Key(collections, tile);
        var kept = cache.Find(key);
        // A tile never kept, asked without an ETag to compare, above the generalised zooms or of collections found exact
        // (small, or not polygons) the last time: the backend reads each collection's version with its layer, one round
        // trip a layer. Otherwise the versions are read first, for the 304, the kept tile or the generalised one.
        var versions = kept is null && !context.Request.Headers.ContainsKey(HeaderNames.IfNoneMatch)
                       && (tile.Z > TileGeneralisation.MergedZoom || collections.All(overviews.WasExact))
            ? null
            : await store.GetCollectionVersionsAsync(collections, cancellationToken);
        var version = versions is null ? null : Combined(versions);
        if (version is not null && ConditionalGet.NotModified(context, version) is { } notModified)
        {
            return notModified;
        }

        if (kept is null || kept.DataVersion != version)
        {
            var (answer, read) = await BuildAsync(collections, tile, versions, tiles, overviews, configuration, cancellationToken);
            // A collection's own generalised or merged tile is kept already, under this key.
            kept = cache.Find(key, read) ?? cache.Keep(key, read, answer);
            if (version is null)
            {
                // No If-None-Match was sent: this only sets the ETag, of the version read with the tile.
                _ = ConditionalGet.NotModified(context, read);
            }
        }

        if (kept.Bytes.Length == 0)
        {
            return TypedResults.NoContent();
        }

        if (cache.KeepsAnswers && AcceptsGzip(context.Request))
        {
            // Gzipped once when kept; the compression middleware leaves a response that already has an encoding alone.
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            return TypedResults.Bytes(kept.Gzipped, MediaType);
        }

        return TypedResults.Bytes(kept.Bytes, MediaType);
    }

    /// <summary>
    /// The collections' layers, each made by the backend alone, drawn from the generalised overview or merged, and their
    /// versions <see cref="Combined"/>: every layer is at least as new as its version, so the combination may be the ETag
    /// and the kept tile's version. <paramref name="versions"/> null: the collections were exact the last time, so each
    /// layer is read with its collection's version in one statement, and replaced by the generalised one if the
    /// collection has become generalised at it.
    /// </summary>
    private static async Task<(VectorTileAnswer Answer, string Version)> BuildAsync(
        IReadOnlyList<CollectionDefinition> collections, TileAddress tile, IReadOnlyList<string>? versions,
        IVectorTileSource tiles, TileOverviews overviews, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var maxFeatures = configuration.GetValue("Tiles:MaxFeaturesPerTile", DefaultMaxFeatures);
        var read = new List<string>(collections.Count);
        var layers = new List<VectorTileAnswer>(collections.Count);
        foreach (var collection in collections)
        {
            VectorTileAnswer? answer = null;
            var at = versions?[read.Count];
            if (at is null)
            {
                var layer = await tiles.GetTileAsync(collection, tile, maxFeatures, cancellationToken);
                (answer, at) = (layer.Answer, layer.DataVersion);
            }

            read.Add(at);

            if (await overviews.AppliesAsync(collection, tile.Z, at, cancellationToken))
            {
                answer = await overviews.GetTileAsync(collection, tile, at, cancellationToken);
            }
            else if (tile.Z == TileGeneralisation.MergedZoom && await overviews.IsGeneralisedAsync(collection, at, cancellationToken))
            {
                answer = await overviews.GetMergedTileAsync(collection, tile, at, cancellationToken);
            }

            answer ??= (await tiles.GetTileAsync(collection, tile, maxFeatures, cancellationToken)).Answer;
            if (answer.IsTooMany)
            {
                throw InputException.TooLarge("tileMatrix",
                    $"more than {maxFeatures} features of '{collection.Id}' intersect tile {tile}; ask for tiles of a higher tileMatrix (zoom in) or read the items with a bbox",
                    $"{maxFeatures} features per tile");
            }

            layers.Add(answer);
        }

        if (layers.Count == 1)
        {
            return (layers[0], read[0]);
        }

        using var bytes = new MemoryStream();
        foreach (var layer in layers)
        {
            bytes.Write(layer.Bytes);
        }

        return (new VectorTileAnswer(bytes.ToArray(), layers.Sum(l => l.Features)), Combined(read));
    }

    /// <summary>A tile's version: its collections' versions in order (one collection's alone is its own, as <see cref="TileOverviews"/> keeps its tiles).</summary>
    private static string Combined(IReadOnlyList<string> versions) => versions.Count == 1 ? versions[0] : string.Join(' ', versions);

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var encodings)
        && encodings.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is null or > 0);

    private static TilesetItem TilesetSummary(HttpRequest request, CollectionDefinition collection)
    {
        var path = $"{OgcLinks.Root}/collections/{collection.Id}/tiles/{WebMercatorQuad.Id}";
        return new TilesetItem(collection.TitleZh, "vector", WebMercatorQuad.CrsUri, WebMercatorQuad.Uri,
            [new Link(OgcLinks.Absolute(request, path), "self", OgcMediaTypes.Json, collection.TitleZh), .. TilesetLinks.TilingSchemeAndTiles(request, path)]);
    }

    public static CollectionDefinition? TiledCollection(string collectionId) =>
        Catalog.Find(collectionId) is { HasGeometry: true } collection ? collection : null;

    private static ProblemHttpResult NoTiles(string collectionId) =>
        Catalog.Find(collectionId) is null
            ? Problems.UnknownCollection(collectionId)
            : TypedResults.Problem(
                title: "Collection has no tiles",
                detail: $"collection '{collectionId}' has no geometry, so it has no tiles; read /ogcapi/collections/{collectionId}/items",
                statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult UnknownTileMatrixSet(string id) =>
        TypedResults.Problem(
            title: "Tile matrix set not found",
            detail: $"there is no tile matrix set '{id}'; tiles are served in {WebMercatorQuad.Id} (/ogcapi/tileMatrixSets)",
            statusCode: StatusCodes.Status404NotFound);

    private static int Index(string parameter, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw InputException.Invalid(parameter, $"'{value}' is not a tile index", "give a whole number from 0 (tileMatrix up to 24)");
}
