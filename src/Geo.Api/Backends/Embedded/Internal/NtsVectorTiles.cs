using Geo.Api.OgcApi.Tiles;
using NetTopologySuite.IO.VectorTiles;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// Vector tiles from the store's features with NetTopologySuite.IO.VectorTiles: the features intersecting the tile
/// (the store's bbox query, its spatial index), clipped to the tile plus its buffer and simplified to one tile unit, so
/// a low-zoom tile of large polygons stays small. The writer projects lon/lat to Web Mercator itself.
/// </summary>
internal sealed class NtsVectorTiles(IFeatureStore store) : IVectorTileSource
{
    public async Task<VersionedTile> GetTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(tile);
        // Read before the features: a write in between makes the tile newer than its version, never older.
        var version = (await store.GetCollectionVersionsAsync([collection], cancellationToken).ConfigureAwait(false))[0];
        var hits = await HitsAsync(collection, tile, maxFeatures, cancellationToken).ConfigureAwait(false);
        if (hits.Count > maxFeatures)
        {
            return new VersionedTile(VectorTileAnswer.TooManyFeatures, version);
        }

        var properties = TileProperties.For(collection);
        var layer = new Layer { Name = collection.Id };
        foreach (var feature in hits)
        {
            if (MvtEncoding.Shape(feature.Geometry!, tile) is { IsEmpty: false } geometry)
            {
                layer.Features.Add(MvtEncoding.Feature(geometry, MvtEncoding.Attributes(feature, properties)));
            }
        }

        return new VersionedTile(MvtEncoding.Encode(tile, layer, layer.Features.Count), version);
    }

    public async Task<VectorTileAnswer> GetMergedTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(tile);
        var hits = await HitsAsync(collection, tile, maxFeatures, cancellationToken).ConfigureAwait(false);
        if (hits.Count > maxFeatures)
        {
            return VectorTileAnswer.TooManyFeatures;
        }

        var classProperty = TileGeneralisation.ClassProperty(collection);
        var layer = new Layer { Name = collection.Id };
        foreach (var @class in hits.Where(f => f.Geometry is { IsEmpty: false }).GroupBy(f => classProperty is null ? null : f[classProperty.Name]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TileMerging.Merge(@class.Select(f => f.Geometry!).ToList(), tile) is { IsEmpty: false } merged)
            {
                layer.Features.Add(MvtEncoding.Feature(merged, TileGeneralisation.GeneralisedAttributes(collection, @class.Key)));
            }
        }

        return MvtEncoding.Encode(tile, layer, hits.Count);
    }

    /// <summary>The features intersecting the tile, up to one past <paramref name="maxFeatures"/> (the store's spatial index).</summary>
    private async Task<List<Core.Domain.Feature>> HitsAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken)
    {
        var query = new FeatureQuery(collection) { Bbox = tile.LonLatEnvelope(), Limit = maxFeatures + 1 };
        var hits = new List<Core.Domain.Feature>();
        await foreach (var feature in store.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            hits.Add(feature);
        }

        return hits;
    }

    /// <summary>
    /// One pass over the collection in memory (or, with <paramref name="area"/>, over the features intersecting its
    /// search box): each feature's cell, class and area; the large ones kept whole.
    /// </summary>
    public async Task<OverviewInput> ReadOverviewAsync(CollectionDefinition collection, OverviewArea? area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var classProperty = TileGeneralisation.ClassProperty(collection);
        var properties = TileProperties.For(collection);
        var cells = new List<OverviewCell>();
        var large = new List<LargeFeature>();
        await foreach (var feature in store.QueryAsync(new FeatureQuery(collection) { Bbox = area?.Search }, cancellationToken).ConfigureAwait(false))
        {
            if (feature.Geometry is not { IsEmpty: false } geometry)
            {
                continue;
            }

            var box = geometry.EnvelopeInternal;
            var (i, j) = TileGeneralisation.FinestCell(box);
            if (area is null || area.Holds(i, j))
            {
                cells.Add(new OverviewCell(i, j, classProperty is null ? null : feature[classProperty.Name], geometry.Area, feature["illustrative"] is true));
            }

            if (TileGeneralisation.IsLarge(box, TileGeneralisation.MaxZoom) && (area is null || area.HoldsLarge(box)))
            {
                large.Add(new LargeFeature(feature.Id, box, MvtEncoding.Feature(geometry, MvtEncoding.Attributes(feature, properties))));
            }
        }

        return new OverviewInput(cells, [.. large.OrderByDescending(l => l.Side).ThenBy(l => l.Id).Take(TileGeneralisation.MaxLargeFeatures)]);
    }
}
