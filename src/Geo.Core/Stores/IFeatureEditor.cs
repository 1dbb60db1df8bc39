using Geo.Core.Domain;

namespace Geo.Core.Stores;

/// <summary>A feature with its version: 1 as imported, one more with every accepted edit (the item's strong ETag).</summary>
public sealed record VersionedFeature(Feature Feature, long Version);

/// <summary>One version of a feature in its history: who made it and when; <see cref="Feature"/> is null for a delete.</summary>
public sealed record FeatureVersion(long Version, DateTimeOffset At, string? User, string Operation, Feature? Feature);

/// <summary>How an edit ended; only <see cref="Done"/> changed anything.</summary>
public enum EditStatus
{
    Done,
    NotFound,

    /// <summary>The feature's version is no longer the one the client read: someone else changed it first.</summary>
    VersionMismatch,
}

/// <summary>What an edit found and left: <see cref="Before"/> is null for a create, <see cref="After"/> for a delete.</summary>
public sealed record EditResult(EditStatus Status, VersionedFeature? Before, VersionedFeature? After);

/// <summary>
/// Writes to the <see cref="CollectionDefinition.Editable"/> collections (OGC API – Features Part 4). Each write checks
/// the version the client read, changes the feature and records it in the store's history as one atomic step, and is
/// durable before it returns. Features arrive validated against the catalog, geometries in storage coordinates.
/// </summary>
public interface IFeatureEditor
{
    Task<VersionedFeature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="feature"/> under a new id (its own id is ignored), at version 1.</summary>
    Task<VersionedFeature> CreateAsync(CollectionDefinition collection, Feature feature, string? user, CancellationToken cancellationToken);

    /// <summary>Replaces the feature with <paramref name="feature"/>'s id when its version is still <paramref name="expectedVersion"/>.</summary>
    Task<EditResult> ReplaceAsync(CollectionDefinition collection, Feature feature, long expectedVersion, string? user, CancellationToken cancellationToken);

    /// <summary>The versions written through edits, oldest first (a feature never edited has none: version 1 is the import).</summary>
    Task<IReadOnlyList<FeatureVersion>> HistoryAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    /// <summary>Removes the feature from the collection when its version is still <paramref name="expectedVersion"/>; its history stays.</summary>
    Task<EditResult> DeleteAsync(CollectionDefinition collection, long id, long expectedVersion, string? user, CancellationToken cancellationToken);
}
