namespace Geo.Core.Stores;

/// <summary>
/// Read access to the collections of the <see cref="Catalog"/>. Two implementations — the embedded in-memory store and
/// PostGIS — must give the same answers; the shared store test cases hold them to that.
/// </summary>
public interface IFeatureStore
{
    /// <summary>A short name for logs and the start-up banner ("embedded", "postgis").</summary>
    string Kind { get; }

    Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    /// <summary>Streams the matching features in id order.</summary>
    IAsyncEnumerable<Feature> QueryAsync(FeatureQuery query, CancellationToken cancellationToken);

    /// <summary>How many features match, ignoring offset and limit.</summary>
    Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A page of features with the number matched, read without a second pass over the data where the store can; an
    /// error in the filter is thrown here, before any feature is written.
    /// </summary>
    Task<FeaturePage> QueryPageAsync(FeatureQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Every feature the query matches, counted exactly and streamed in id order from ONE snapshot of the data, so
    /// that the rows are exactly the ones counted whatever is written meanwhile (an export checks the count against
    /// its limit before it sends a byte). <see cref="FeatureQuery.TimeLimit"/> bounds the whole read. Dispose the
    /// page when done: it holds the snapshot (on PostGIS, a transaction and its connection).
    /// </summary>
    Task<FeaturePage> QuerySnapshotAsync(FeatureQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A value that changes whenever any collection's contents change (for HTTP ETags). Writes outside the service
    /// change it too: PostGIS bumps it with statement triggers.
    /// </summary>
    Task<string> GetDataVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Per collection, in the order given, a value that changes whenever that collection's contents change and not when
    /// only another's do, so that what is made from one collection alone (its vector tiles, the generalised pictures of a
    /// million parcels) is kept while others are edited. Writes outside the service move it too (PostGIS: the statement
    /// triggers). Read before the data it describes, that data is never older than it.
    /// </summary>
    Task<IReadOnlyList<string>> GetCollectionVersionsAsync(IReadOnlyList<CollectionDefinition> collections, CancellationToken cancellationToken);

    /// <summary>
    /// Where the collection changed from <paramref name="fromVersion"/> to <paramref name="toVersion"/> (two of its
    /// versions, the first the older), or <see cref="ChangedArea.Unknown"/> when the store cannot tell.
    /// </summary>
    Task<ChangedArea> GetChangedAreaAsync(CollectionDefinition collection, string fromVersion, string toVersion, CancellationToken cancellationToken);

    /// <summary>
    /// The collection's extent and time span for metadata requests. <paramref name="collectionVersion"/> is the
    /// collection's version (<see cref="GetCollectionVersionsAsync"/>) the caller read for its ETag: when the store keeps
    /// a summary for it, the answer costs no database round trip.
    /// </summary>
    Task<CollectionSummary> GetSummaryAsync(CollectionDefinition collection, string collectionVersion, CancellationToken cancellationToken);
}
