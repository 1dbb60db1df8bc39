namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// Where a collection's generalised tiles (drawn from its overview, and the merged tileMatrix-12 ones, a minute of a
/// database core for 1,000,000 parcels) are kept across restarts, so that a service started again at the same version
/// of the collection answers them at once instead of making them again. A cache: every tile kept is one
/// <see cref="TileOverviews"/> made, under the collection's version and the <see cref="TileOverviews.MadeBy"/> (the build and
/// the settings that shape a tile) it was made at, and it is used only at both. PostGIS keeps them in a table, the
/// embedded store in a file.
/// </summary>
internal interface IGeneralisedTileStore
{
    /// <summary>
    /// The version of the collection whose tiles made by <paramref name="madeBy"/> are kept, null when none are: tiles
    /// kept at an earlier version may still be the tiles of a later one (nothing drawn changed since, <see cref="ChangedArea"/>).
    /// </summary>
    Task<string?> KeptVersionAsync(CollectionDefinition collection, string madeBy, CancellationToken cancellationToken);

    /// <summary>The tiles kept for the collection at <paramref name="dataVersion"/> made by <paramref name="madeBy"/>; none when other ones are kept.</summary>
    Task<IReadOnlyList<StoredTile>> ReadAsync(CollectionDefinition collection, string dataVersion, string madeBy, CancellationToken cancellationToken);

    /// <summary>Replaces whatever is kept for the collection with <paramref name="tiles"/>, all or nothing.</summary>
    Task WriteAsync(CollectionDefinition collection, string dataVersion, string madeBy, IReadOnlyList<StoredTile> tiles, CancellationToken cancellationToken);
}

/// <summary>A generalised tile and its answer (never one refused as too many features).</summary>
internal sealed record StoredTile(TileAddress Tile, VectorTileAnswer Answer);
