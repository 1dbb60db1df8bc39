using NetTopologySuite.Features;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using NetTopologySuite.Simplify;
using NtsFeature = NetTopologySuite.Features.Feature;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// Tiles written in the process with NetTopologySuite.IO.VectorTiles (the embedded store's tiles and every store's
/// generalised ones): lon/lat geometry clipped to the tile and its buffer, simplified to one tile unit, encoded as MVT.
/// </summary>
internal static class MvtEncoding
{
    /// <summary>The geometry as drawn in <paramref name="tile"/>: clipped to it plus its buffer and simplified to one tile unit.</summary>
    public static Geometry Shape(Geometry geometry, TileAddress tile)
    {
        if (geometry is Point)
        {
            return geometry;
        }

        var clip = tile.LonLatEnvelope((double)TileAddress.Buffer / TileAddress.Extent);
        var clipped = clip.Contains(geometry.EnvelopeInternal) ? geometry : geometry.Intersection(geometry.Factory.ToGeometry(clip));
        return TopologyPreservingSimplifier.Simplify(clipped, tile.LonLatEnvelope().Width / TileAddress.Extent);
    }

    /// <summary>
    /// A feature's id (the MVT feature id, see <see cref="FeatureId"/>) and <see cref="TileProperties"/> as MVT attributes
    /// (dates as ISO text: MVT has no date type).
    /// </summary>
    public static AttributesTable Attributes(Core.Domain.Feature feature, IReadOnlyList<PropertyDefinition> properties)
    {
        var attributes = new AttributesTable { { "id", new FeatureId(feature.Id) } };
        foreach (var property in properties)
        {
            if (feature[property.Name] is { } value)
            {
                attributes.Add(property.Name, value is DateOnly date ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value);
            }
        }

        return attributes;
    }

    /// <summary>The layer as one tile, <see cref="VectorTileAnswer.Empty"/> when it has no feature.</summary>
    public static VectorTileAnswer Encode(TileAddress tile, Layer layer, int features)
    {
        if (layer.Features.Count == 0)
        {
            return VectorTileAnswer.Empty;
        }

        var vectorTile = new VectorTile { TileId = new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z).Id };
        vectorTile.Layers.Add(layer);
        using var stream = new MemoryStream();
        // One tile unit as the smallest outline kept, about where ST_AsMVTGeom drops what snapping collapses.
        vectorTile.Write(stream, minLinealExtent: 1, minPolygonalExtent: 1, extent: TileAddress.Extent);
        return new VectorTileAnswer(stream.ToArray(), features);
    }

    /// <summary>
    /// The OGC item id as the MVT feature id and not as a property, as ST_AsMVT's feature_id_name does on PostGIS, so a
    /// tile from either store decodes alike. The writer takes the feature id from the "id" attribute's text and writes
    /// as properties only values of the MVT value types, which this is not.
    /// </summary>
    private readonly record struct FeatureId(long Value)
    {
        public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static NtsFeature Feature(Geometry geometry, IAttributesTable attributes) => new(geometry, attributes);
}
