namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// The embedded store and its editor as the service sees them from start: each call goes to the loaded store, or
/// throws <see cref="StoreNotReadyException"/> at once (before any feature is streamed) while it is loading.
/// </summary>
internal sealed class LoadingEmbeddedStore(EmbeddedStoreLoad load) : IFeatureStore, IFeatureEditor
{
    public string Kind => "embedded";

    private EmbeddedFeatureEditor Editor => load.Editor;

    public Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) =>
        Editor.Store.GetAsync(collection, id, cancellationToken);

    public IAsyncEnumerable<Feature> QueryAsync(FeatureQuery query, CancellationToken cancellationToken) =>
        Editor.Store.QueryAsync(query, cancellationToken);

    public Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken) =>
        Editor.Store.CountAsync(query, cancellationToken);

    public Task<FeaturePage> QueryPageAsync(FeatureQuery query, CancellationToken cancellationToken) =>
        Editor.Store.QueryPageAsync(query, cancellationToken);

    public Task<FeaturePage> QuerySnapshotAsync(FeatureQuery query, CancellationToken cancellationToken) =>
        Editor.Store.QuerySnapshotAsync(query, cancellationToken);

    public Task<string> GetDataVersionAsync(CancellationToken cancellationToken) =>
        Editor.Store.GetDataVersionAsync(cancellationToken);

    public Task<IReadOnlyList<string>> GetCollectionVersionsAsync(IReadOnlyList<CollectionDefinition> collections, CancellationToken cancellationToken) =>
        Editor.Store.GetCollectionVersionsAsync(collections, cancellationToken);

    public Task<ChangedArea> GetChangedAreaAsync(CollectionDefinition collection, string fromVersion, string toVersion, CancellationToken cancellationToken) =>
        Editor.Store.GetChangedAreaAsync(collection, fromVersion, toVersion, cancellationToken);

    public Task<CollectionSummary> GetSummaryAsync(CollectionDefinition collection, string collectionVersion, CancellationToken cancellationToken) =>
        Editor.Store.GetSummaryAsync(collection, collectionVersion, cancellationToken);

    Task<VersionedFeature?> IFeatureEditor.GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) =>
        Editor.GetAsync(collection, id, cancellationToken);

    public Task<FoundFeature> FindAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) =>
        Editor.FindAsync(collection, id, cancellationToken);

    public Task<VersionedFeature> CreateAsync(CollectionDefinition collection, Feature feature, EditAuthor author, CancellationToken cancellationToken) =>
        Editor.CreateAsync(collection, feature, author, cancellationToken);

    public Task<EditResult> ReplaceAsync(
        CollectionDefinition collection, Feature feature, long expectedVersion, string operation, EditAuthor author, CancellationToken cancellationToken) =>
        Editor.ReplaceAsync(collection, feature, expectedVersion, operation, author, cancellationToken);

    public Task<EditResult> DeleteAsync(CollectionDefinition collection, long id, long expectedVersion, EditAuthor author, CancellationToken cancellationToken) =>
        Editor.DeleteAsync(collection, id, expectedVersion, author, cancellationToken);

    public Task<EditResult> RestoreAsync(
        CollectionDefinition collection, long id, long version, long expectedVersion, EditAuthor author, CancellationToken cancellationToken) =>
        Editor.RestoreAsync(collection, id, version, expectedVersion, author, cancellationToken);

    public Task<IReadOnlyList<FeatureVersion>> HistoryAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) =>
        Editor.HistoryAsync(collection, id, cancellationToken);
}
