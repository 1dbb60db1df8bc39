using Geo.Core.Domain;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>The link from a collection's description to its vector tilesets, for collections with geometry.</summary>
internal static class TilesetLinks
{
    public static IEnumerable<Link> For(HttpRequest request, CollectionDefinition collection) =>
        collection.HasGeometry
            ? [new Link(OgcLinks.Absolute(request, $"{OgcLinks.Root}/collections/{collection.Id}/tiles"), TilesConformance.VectorTilesetsRel, OgcMediaTypes.Json, collection.TitleZh + "（矢量瓦片）")]
            : [];
}
