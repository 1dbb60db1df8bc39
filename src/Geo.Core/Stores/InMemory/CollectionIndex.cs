using Geo.Core.Domain;
using Geo.Core.Filters;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Geo.Core.Stores.InMemory;

/// <summary>One collection held in memory: features in id order, an id lookup and an STR-tree over the geometries.</summary>
internal sealed class CollectionIndex
{
    private readonly IReadOnlyList<Feature> _features;
    private readonly Dictionary<long, Feature> _byId;
    private readonly STRtree<Feature> _tree = new();

    public CollectionIndex(IReadOnlyList<Feature> featuresInIdOrder, TimeProperties? time)
    {
        _features = featuresInIdOrder;
        _byId = featuresInIdOrder.ToDictionary(f => f.Id);
        foreach (var feature in featuresInIdOrder.Where(f => f.Geometry is not null))
        {
            _tree.Insert(feature.Geometry!.EnvelopeInternal, feature);
        }

        _tree.Build();
        var extent = featuresInIdOrder.Count(f => f.Geometry is not null) == 0
            ? null
            : featuresInIdOrder.Where(f => f.Geometry is not null)
                .Aggregate(new Envelope(), (env, f) => { env.ExpandToInclude(f.Geometry!.EnvelopeInternal); return env; });
        Summary = new CollectionSummary(extent, Edge(time?.Start, first: true), Edge(time?.End, first: false));
    }

    /// <summary>The features in id order.</summary>
    public IReadOnlyList<Feature> Features => _features;

    /// <summary>An index never changes (an edit builds a new one), so the summary is computed once.</summary>
    public CollectionSummary Summary { get; }

    /// <summary>The least (or greatest) non-null value of a time property, as PostgreSQL's min and max see it.</summary>
    private object? Edge(string? property, bool first)
    {
        if (property is null)
        {
            return null;
        }

        var values = _features.Select(f => f[property]).OfType<object>();
        return values.Any() ? (first ? values.Min(Comparer<object>.Default) : values.Max(Comparer<object>.Default)) : null;
    }

    public Feature? Get(long id) => _byId.GetValueOrDefault(id);

    /// <summary>The features a query selects, in order; stops between features once <paramref name="cancellationToken"/> fires (client gone, request timed out).</summary>
    public IEnumerable<Feature> Match(FeatureQuery query, CancellationToken cancellationToken)
    {
        var matches = SpatialMatch(query).Where(_ =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        });
        if (query.Filter is { } filter)
        {
            matches = matches.Where(f =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return FilterEvaluator.Matches(filter, f);
            });
        }

        return query.SortBy.Count == 0 ? matches : matches.Order(new FeatureOrder(query.SortBy));
    }

    private IEnumerable<Feature> SpatialMatch(FeatureQuery query)
    {
        if (!query.HasSpatialFilter)
        {
            return _features;
        }

        var filters = SpatialFilters(query).ToList();
        var search = filters.Select(f => f.Geometry.EnvelopeInternal).Aggregate((a, b) => a.Intersection(b));
        return _tree.Query(search)
            .Where(f => filters.TrueForAll(filter => filter.Intersects(f.Geometry!)))
            .OrderBy(f => f.Id);
    }

    /// <summary>A feature matches when it intersects the bbox and the intersects geometry, each tested on its own.</summary>
    private static IEnumerable<IPreparedGeometry> SpatialFilters(FeatureQuery query)
    {
        if (query.Bbox is { } box)
        {
            yield return PreparedGeometryFactory.Prepare(Crs.Cgcs2000.GeometryFactory.ToGeometry(box));
        }

        if (query.Intersects is { } geometry)
        {
            yield return PreparedGeometryFactory.Prepare(geometry);
        }
    }
}
