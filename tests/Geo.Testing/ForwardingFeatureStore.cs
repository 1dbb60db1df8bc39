using Geo.Core.Domain;
using Geo.Core.Stores;

namespace Geo.Testing;

/// <summary>
/// A real store with one or two members changed by a test (a slow part, a write in the middle of a read): every
/// member forwards to <paramref name="inner"/> unless the test overrides it.
/// </summary>
public abstract class ForwardingFeatureStore(IFeatureStore inner) : IFeatureStore
{
    public string Kind => inner.Kind;

    public virtual Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) =>
        inner.GetAsync(collection, id, cancellationToken);

    public virtual IAsyncEnumerable<Feature> QueryAsync(FeatureQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public virtual Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken) => inner.CountAsync(query, cancellationToken);

    public virtual Task<FeaturePage> QueryPageAsync(FeatureQuery query, CancellationToken cancellationToken) => inner.QueryPageAsync(query, cancellationToken);

    public virtual Task<FeaturePage> QuerySnapshotAsync(FeatureQuery query, CancellationToken cancellationToken) =>
        inner.QuerySnapshotAsync(query, cancellationToken);

    public virtual Task<string> GetDataVersionAsync(CancellationToken cancellationToken) => inner.GetDataVersionAsync(cancellationToken);

    public virtual Task<IReadOnlyList<string>> GetCollectionVersionsAsync(IReadOnlyList<CollectionDefinition> collections, CancellationToken cancellationToken) =>
        inner.GetCollectionVersionsAsync(collections, cancellationToken);

    public virtual Task<ChangedArea> GetChangedAreaAsync(CollectionDefinition collection, string fromVersion, string toVersion, CancellationToken cancellationToken) =>
        inner.GetChangedAreaAsync(collection, fromVersion, toVersion, cancellationToken);

    public virtual Task<CollectionSummary> GetSummaryAsync(CollectionDefinition collection, string collectionVersion, CancellationToken cancellationToken) =>
        inner.GetSummaryAsync(collection, collectionVersion, cancellationToken);
}
