using Geo.Core.Filters;

namespace Geo.Core.Analysis;

/// <summary>
/// The spatial questions the analyses ask of a store, answered in EPSG:4545 metres. One implementation per store:
/// NTS over the embedded store, SQL over PostGIS, so the heavy geometry runs where the data are. Subjects and results
/// are CGCS2000 (EPSG:4490) geometries. A <c>filter</c> is a CQL2 tree on the layer (often an <see cref="InList.Of"/>);
/// each store type-checks it and runs it as it runs any items filter.
/// </summary>
public interface ISpatialAnalysis
{
    /// <summary>Every feature of <paramref name="layer"/> that intersects the subject, with the intersection and its area, in id order.</summary>
    Task<IReadOnlyList<Overlap>> IntersectionsAsync(
        Geometry subject, CollectionDefinition layer, FilterExpression? filter, CancellationToken cancellationToken);

    /// <summary>
    /// The subject cut by the union of each class of features (features grouped by <paramref name="classProperty"/>),
    /// so features of one class that overlap each other are not counted twice. Ordered by class.
    /// </summary>
    Task<IReadOnlyList<ClassOverlap>> ClassIntersectionsAsync(
        Geometry subject, CollectionDefinition layer, string classProperty, FilterExpression? filter, CancellationToken cancellationToken);

    /// <summary>
    /// The part of the subject outside every matching feature of <paramref name="layer"/>, and its area. Measured as a
    /// geometry of its own: the subject's area less the part inside differs from it by metres² on a kilometre-sized site,
    /// because cutting adds vertices on edges that are straight in lon/lat but curved in EPSG:4545.
    /// </summary>
    Task<(Geometry Outside, Crs.Area Area)> DifferenceAsync(
        Geometry subject, CollectionDefinition layer, FilterExpression? filter, CancellationToken cancellationToken);

    /// <summary>
    /// Features of <paramref name="layer"/> within <paramref name="metres"/> of the origin, nearest first (ties by id): by
    /// road when <see cref="RoadNetworkAsync"/> says a network is loaded, otherwise in a straight line.
    /// </summary>
    Task<IReadOnlyList<Nearby>> WithinDistanceAsync(
        Geometry origin, CollectionDefinition layer, double metres, CancellationToken cancellationToken);

    /// <summary>Whether distances go by road: a roads layer is loaded and pgRouting is there to route on it.</summary>
    Task<bool> RoadNetworkAsync(CancellationToken cancellationToken);
}
