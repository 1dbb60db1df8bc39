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
    /// features intersect it (the tile is then not built), with the collection's version
    /// (<see cref="IFeatureStore.GetCollectionVersionsAsync"/>) read no later than the features (on PostGIS in the same
    /// statement, so a tile costs one round trip, ETag included).
    /// </summary>
    Task<VersionedTile> GetTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken);

    /// <summary>
    /// The tile at <see cref="TileGeneralisation.MergedZoom"/> of a generalised collection: the same features as
    /// <see cref="GetTileAsync"/> (refused alike over <paramref name="maxFeatures"/>), merged into one (multi)polygon per
    /// class on the tile's grid (<see cref="TileMerging"/>), each carrying its class and
    /// <see cref="TileGeneralisation.GeneralisedProperty"/>, no id. Its data version is the caller's, read before.
    /// </summary>
    Task<VectorTileAnswer> GetMergedTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken);

    /// <summary>
    /// What the generalised tiles of the collection are made from (<see cref="TileGeneralisation"/>): in one pass,
    /// the area of each class in each finest cell and the features larger than a cell (at most
    /// <see cref="TileGeneralisation.MaxLargeFeatures"/>, largest first, then by id) with their tile attributes. With
    /// <paramref name="area"/>, only what an edit there may have changed: the cells it names, from every feature centred
    /// in them, and the large features within its changed area.
    /// </summary>
    Task<OverviewInput> ReadOverviewAsync(CollectionDefinition collection, OverviewArea? area, CancellationToken cancellationToken);
}

/// <summary>The makings of a collection's generalised tiles.</summary>
internal sealed record OverviewInput(IReadOnlyList<OverviewCell> Cells, IReadOnlyList<LargeFeature> Large);

/// <summary>
/// A feature larger than a cell: its id, its bounding box as stored (lon/lat; what an edit's changed area is compared
/// with) and the lon/lat NTS feature drawn, simplified, carrying its tile attributes.
/// </summary>
internal sealed record LargeFeature(long Id, Envelope Box, NetTopologySuite.Features.IFeature Feature)
{
    public double Side => TileGeneralisation.MercatorSide(Box);
}

/// <summary>
/// Features of one class centred in finest cell (<see cref="I"/>, <see cref="J"/>): their planar area in square degrees
/// (a weight, compared only between the classes of one cell), and whether any is illustrative.
/// </summary>
internal readonly record struct OverviewCell(int I, int J, object? Class, double Area, bool Illustrative);

/// <summary>A tile as read and the collection version it is at least as new as (what its ETag may say).</summary>
internal sealed record VersionedTile(VectorTileAnswer Answer, string DataVersion);

/// <summary>A tile's bytes, none when no feature is drawn in it, and how many features intersect it (-1: over the limit).</summary>
internal sealed record VectorTileAnswer(byte[] Bytes, int Features)
{
    public static readonly VectorTileAnswer TooManyFeatures = new([], -1);

    public static readonly VectorTileAnswer Empty = new([], 0);

    /// <summary>A tile as read back (from the database or a file): <see cref="Empty"/> when it has no bytes, so no feature was drawn.</summary>
    public static VectorTileAnswer Of(byte[] bytes, int features) => bytes.Length == 0 ? Empty : new VectorTileAnswer(bytes, features);

    public bool IsTooMany => Features < 0;
}
