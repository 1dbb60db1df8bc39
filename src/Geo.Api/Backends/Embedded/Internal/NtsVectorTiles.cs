using Geo.Api.OgcApi.Tiles;
using Geo.Core.Domain;
using Geo.Core.Stores;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using NetTopologySuite.Simplify;
using NtsFeature = NetTopologySuite.Features.Feature;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// Vector tiles from the store's features with NetTopologySuite.IO.VectorTiles: the features intersecting the tile
/// (the store's bbox query, its spatial index), clipped to the tile plus its buffer and simplified to one tile unit, so
/// a low-zoom tile of large polygons stays small. The writer projects lon/lat to Web Mercator itself.
/// </summary>
internal sealed class NtsVectorTiles(IFeatureStore store) : IVectorTileSource
{
    public async Task<VectorTileAnswer> GetTileAsync(CollectionDefinition collection, TileAddress tile, int maxFeatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(tile);
        var query = new FeatureQuery(collection) { Bbox = tile.LonLatEnvelope(), Limit = maxFeatures + 1 };
        var hits = new List<Core.Domain.Feature>();
        await foreach (var feature in store.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            hits.Add(feature);
        }

        if (hits.Count > maxFeatures)
        {
            return VectorTileAnswer.TooManyFeatures;
        }

        var clip = tile.LonLatEnvelope((double)TileAddress.Buffer / TileAddress.Extent);
        var tolerance = tile.LonLatEnvelope().Width / TileAddress.Extent;
        var properties = TileProperties.For(collection);
        var layer = new Layer { Name = collection.Id };
        foreach (var feature in hits)
        {
            if (Shape(feature.Geometry!, clip, tolerance) is { IsEmpty: false } geometry)
            {
                var attributes = new AttributesTable { { "id", feature.Id } };
                foreach (var property in properties)
                {
                    if (feature[property.Name] is { } value)
                    {
                        attributes.Add(property.Name, value is DateOnly date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value);
                    }
                }

                layer.Features.Add(new NtsFeature(geometry, attributes));
            }
        }

        if (layer.Features.Count == 0)
        {
            return VectorTileAnswer.Empty;
        }

        var vectorTile = new VectorTile { TileId = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z).Id };
        vectorTile.Layers.Add(layer);
        using var stream = new MemoryStream();
        // One tile unit as the smallest outline kept, about where ST_AsMVTGeom drops what snapping collapses.
        vectorTile.Write(stream, minLinealExtent: 1, minPolygonalExtent: 1, extent: TileAddress.Extent);
        return new VectorTileAnswer(stream.ToArray(), layer.Features.Count);
    }

    private static Geometry Shape(Geometry geometry, Envelope clip, double tolerance)
    {
        if (geometry is Point)
        {
            return geometry;
        }

        var clipped = clip.Contains(geometry.EnvelopeInternal) ? geometry : geometry.Intersection(geometry.Factory.ToGeometry(clip));
        return TopologyPreservingSimplifier.Simplify(clipped, tolerance);
    }
}
