namespace Geo.Api.OgcApi.Tiles;

/// <summary>The links of tilesets: from a collection's description to its vector tilesets (collections with geometry), and from a tileset to its tiling scheme and tiles.</summary>
internal static class TilesetLinks
{
    public static IEnumerable<Link> For(HttpRequest request, CollectionDefinition collection) =>
        collection.HasGeometry
            ? [new Link(OgcLinks.Absolute(request, $"{OgcLinks.Root}/collections/{collection.Id}/tiles"), TilesConformance.VectorTilesetsRel, OgcMediaTypes.Json, collection.TitleZh + "（矢量瓦片）")]
            : [];

    /// <summary>A tileset's link to its tile matrix set and its tile URL template (<paramref name="path"/> is the tileset's).</summary>
    public static IEnumerable<Link> TilingSchemeAndTiles(HttpRequest request, string path) =>
    [
        new Link(OgcLinks.Absolute(request, $"{OgcLinks.Root}/tileMatrixSets/{WebMercatorQuad.Id}"), "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", OgcMediaTypes.Json),
        new Link(OgcLinks.Absolute(request, path) + "/{tileMatrix}/{tileRow}/{tileCol}", "item", TilesEndpoints.MediaType, Templated: true),
    ];
}
