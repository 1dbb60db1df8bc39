namespace Geo.Api.Backends;

/// <summary>
/// What replace, delete and restore mean, written once for both backends: each is a change of an existing feature
/// through the backend's one version-checked path (<see cref="ChangeAsync"/>), which differs only in how it locks and
/// stores (a row lock and a transaction on PostGIS, a lock and an fsynced log line on the embedded store).
/// </summary>
internal abstract class VersionCheckedFeatureEditor : IFeatureEditor
{
    public abstract Task<VersionedFeature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    public abstract Task<FoundFeature> FindAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    public abstract Task<VersionedFeature> CreateAsync(CollectionDefinition collection, Feature feature, EditAuthor author, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<FeatureVersion>> HistoryAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    public Task<EditResult> ReplaceAsync(
        CollectionDefinition collection, Feature feature, long expectedVersion, string operation, EditAuthor author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return ChangeAsync(collection, feature.Id, expectedVersion, operation, author, allowDeleted: false, (_, _) => (EditStatus.Done, feature), cancellationToken);
    }

    public Task<EditResult> DeleteAsync(CollectionDefinition collection, long id, long expectedVersion, EditAuthor author, CancellationToken cancellationToken) =>
        ChangeAsync(collection, id, expectedVersion, EditOperations.Delete, author, allowDeleted: false, (_, _) => (EditStatus.Done, null), cancellationToken);

    public Task<EditResult> RestoreAsync(
        CollectionDefinition collection, long id, long version, long expectedVersion, EditAuthor author, CancellationToken cancellationToken) =>
        ChangeAsync(collection, id, expectedVersion, EditOperations.Restore, author, allowDeleted: true, (before, history) =>
            history.FirstOrDefault(v => v.Version == version) is { } kept
                ? (kept.Feature is null ? EditStatus.UnknownVersion : EditStatus.Done, kept.Feature)
                : before is { } live && live.Version == version ? (EditStatus.Done, live.Feature) : (EditStatus.UnknownVersion, null),
            cancellationToken);

    /// <summary>
    /// The one path of every change to an existing feature: found (live, or deleted when <paramref name="allowDeleted"/>),
    /// at the expected version, then <paramref name="change"/> gives the feature after (null: delete) or a refusal.
    /// </summary>
    protected abstract Task<EditResult> ChangeAsync(
        CollectionDefinition collection, long id, long expectedVersion, string operation, EditAuthor author, bool allowDeleted,
        Func<VersionedFeature?, IReadOnlyList<FeatureVersion>, (EditStatus Status, Feature? After)> change, CancellationToken cancellationToken);
}
