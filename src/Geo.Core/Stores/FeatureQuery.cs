using Geo.Core.Domain;
using NetTopologySuite.Geometries;

namespace Geo.Core.Stores;

/// <summary>
/// What to read from one collection. Spatial filters select features whose geometry intersects the box or geometry
/// (both in EPSG:4490, lon/lat). Results are always ordered by id so that paging is stable in both stores.
/// </summary>
public sealed record FeatureQuery(CollectionDefinition Collection)
{
    public Envelope? Bbox { get; init; }

    public Geometry? Intersects { get; init; }

    public int Offset { get; init; }

    /// <summary>Maximum features to return; null returns all.</summary>
    public int? Limit { get; init; }

    public bool HasSpatialFilter => Bbox is not null || Intersects is not null;
}
