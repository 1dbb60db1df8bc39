using Geo.Core.Filters;
using Geo.Core.Stores;
using NetTopologySuite.Operation.Union;

namespace Geo.Core.Analysis;

/// <summary>
/// The spatial questions answered in process with NTS over any store (used with the embedded store): candidates come
/// from the store's intersects filter, the geometry is cut in lon/lat exactly as PostGIS does and measured after
/// projecting to EPSG:4545, so both stores give the same figures.
/// </summary>
public sealed class NtsSpatialAnalysis(IFeatureStore store) : ISpatialAnalysis
{
    public async Task<IReadOnlyList<Overlap>> IntersectionsAsync(
        Geometry subject, CollectionDefinition layer, FilterExpression? filter, CancellationToken cancellationToken)
    {
        var overlaps = new List<Overlap>();
        await foreach (var feature in CandidatesAsync(subject, layer, filter, cancellationToken).ConfigureAwait(false))
        {
            var cut = feature.Geometry!.Intersection(subject);
            overlaps.Add(new Overlap(feature, cut, GaussKruger108.AreaOf(cut), GaussKruger108.AreaOf(feature.Geometry)));
        }

        return overlaps;
    }

    public async Task<IReadOnlyList<ClassOverlap>> ClassIntersectionsAsync(
        Geometry subject, CollectionDefinition layer, string classProperty, FilterExpression? filter, CancellationToken cancellationToken)
    {
        ClassOverlap.EnsureClassProperty(layer, classProperty);
        var byClass = new SortedDictionary<string, List<Geometry>>(StringComparer.Ordinal);
        await foreach (var feature in CandidatesAsync(subject, layer, filter, cancellationToken).ConfigureAwait(false))
        {
            var key = feature[classProperty]?.ToString() ?? string.Empty;
            if (!byClass.TryGetValue(key, out var geometries))
            {
                byClass[key] = geometries = [];
            }

            geometries.Add(feature.Geometry!);
        }

        return byClass.Select(c =>
        {
            var cut = UnaryUnionOp.Union(c.Value).Intersection(subject);
            return new ClassOverlap(c.Key, cut, GaussKruger108.AreaOf(cut), c.Value.Count);
        }).ToList();
    }

    public async Task<(Geometry Outside, Area Area)> DifferenceAsync(
        Geometry subject, CollectionDefinition layer, FilterExpression? filter, CancellationToken cancellationToken)
    {
        var covering = await CandidatesAsync(subject, layer, filter, cancellationToken).Select(f => f.Geometry!).ToListAsync(cancellationToken).ConfigureAwait(false);
        var outside = covering.Count == 0 ? subject : subject.Difference(UnaryUnionOp.Union(covering));
        return (outside, GaussKruger108.AreaOf(outside));
    }

    public async Task<IReadOnlyList<Nearby>> WithinDistanceAsync(
        Geometry origin, CollectionDefinition layer, double metres, CancellationToken cancellationToken)
    {
        // Facility layers are small (tens of points); a full scan keeps the distance test exactly the one PostGIS makes.
        var projectedOrigin = GaussKruger108.Project(origin);
        var nearby = new List<Nearby>();
        await foreach (var feature in store.QueryAsync(new FeatureQuery(layer), cancellationToken).ConfigureAwait(false))
        {
            var distance = GaussKruger108.Project(feature.Geometry!).Distance(projectedOrigin);
            if (distance <= metres)
            {
                nearby.Add(new Nearby(feature, distance));
            }
        }

        return nearby.OrderBy(n => n.DistanceMetres).ThenBy(n => n.Feature.Id).ToList();
    }

    /// <summary>The embedded store has no road network; its distances are straight lines.</summary>
    public Task<bool> RoadNetworkAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>The layer's features that intersect the subject and pass the filter, which the store evaluates as it does any items filter.</summary>
    private IAsyncEnumerable<Feature> CandidatesAsync(Geometry subject, CollectionDefinition layer, FilterExpression? filter, CancellationToken cancellationToken)
    {
        if (filter is not null)
        {
            FilterTypeChecker.Check(filter, layer);
        }

        return store.QueryAsync(new FeatureQuery(layer) { Intersects = subject, Filter = filter }, cancellationToken);
    }
}
