using Geo.Core.Filters;

namespace Geo.Core.Stores;

/// <summary>
/// What to read from one collection. Spatial filters select features whose geometry intersects the box or geometry
/// (both in EPSG:4490, lon/lat); <see cref="Filter"/> is a type-checked CQL2 expression. Results are ordered by
/// <see cref="SortBy"/> (nulls last, text by code point) and then by id, so that paging is stable in both stores.
/// </summary>
public sealed record FeatureQuery(CollectionDefinition Collection)
{
    public Envelope? Bbox { get; init; }

    public Geometry? Intersects { get; init; }

    public FilterExpression? Filter { get; init; }

    public IReadOnlyList<SortKey> SortBy { get; init; } = [];

    public int Offset { get; init; }

    /// <summary>
    /// Keyset paging: only features strictly after this key in the query's order (instead of <see cref="Offset"/>, so
    /// a deep page costs what the first does and rows written meanwhile are neither skipped nor repeated). The number
    /// matched may then be counted as the cursor's position plus the matches after it.
    /// </summary>
    public FeatureCursor? After { get; init; }

    /// <summary>Maximum features to return; null returns all.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// How long <see cref="IFeatureStore.QuerySnapshotAsync"/> may take to count and read the features, where that is
    /// longer than the store's limit for a page (an export of a million features); null keeps the store's own limit (PostGIS: Database:StatementTimeoutSeconds). The embedded
    /// store has no such limit: the request's own time limit and cancellation bound it.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    public bool HasSpatialFilter => Bbox is not null || Intersects is not null;

    /// <summary>Where a spatial filter can match at all: the bbox and the intersects geometry's envelope, intersected; null without one.</summary>
    public Envelope? SearchEnvelope => new[] { Bbox, Intersects?.EnvelopeInternal }.OfType<Envelope>().Aggregate((Envelope?)null, (a, b) => a is null ? b : a.Intersection(b));
}

/// <summary>One sort key: a property of the collection (or <c>id</c>), ascending unless <see cref="Descending"/>.</summary>
public sealed record SortKey(string Property, bool Descending = false);
