using Geo.Core.Domain;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// Mapbox Vector Tiles of one collection, one layer named after it, made by the backend (ST_AsMVT on PostGIS, NTS on
/// the embedded store). Both put the same features in a tile: those whose geometry intersects the tile, with the
/// id and the <see cref="TileProperties"/>.
/// </summary>
internal interface IVectorTileSource
{
    /// <summary>
    /// The encoded tile, or <see cref="VectorTileAnswer.TooManyFeatures"/> when more than <paramref name="maxFeatures"/>
    /// features intersect it (the tile is then not built).
    /// </summary>
    Task<VectorTileAnswer> GetTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken);
}

/// <summary>A tile's bytes, none when no feature is drawn in it, and how many features intersect it (-1: over the limit).</summary>
internal sealed record VectorTileAnswer(byte[] Bytes, int Features)
{
    public static readonly VectorTileAnswer TooManyFeatures = new([], -1);

    public static readonly VectorTileAnswer Empty = new([], 0);

    public bool IsTooMany => Features < 0;
}
