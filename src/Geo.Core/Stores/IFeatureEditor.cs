using Geo.Core.Accounts;

namespace Geo.Core.Stores;

/// <summary>A feature with its version: 1 as imported, one more with every accepted edit (the item's strong ETag).</summary>
public sealed record VersionedFeature(Feature Feature, long Version);

/// <summary>
/// What an id names in an editable collection: its live feature; else, when it was deleted (soft), the version of the
/// delete (a 410, not a 404); else neither.
/// </summary>
public readonly record struct FoundFeature(VersionedFeature? Live, long? DeletedVersion);

/// <summary>One version of a feature in its history: who made it and when; <see cref="Feature"/> is null for a delete.</summary>
public sealed record FeatureVersion(long Version, DateTimeOffset At, string? User, string Operation, Feature? Feature);

/// <summary>The operations a history names. <see cref="Import"/> is version 1 of an imported feature, kept at its first edit.</summary>
public static class EditOperations
{
    public const string Import = "import";
    public const string Create = "create";
    public const string Replace = "replace";
    public const string Patch = "patch";
    public const string Delete = "delete";
    public const string Restore = "restore";

    /// <summary>Every operation, in the order the history table's CHECK lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Import, Create, Replace, Patch, Delete, Restore];
}

/// <summary>How an edit ended; only <see cref="Done"/> changed anything.</summary>
public enum EditStatus
{
    Done,
    NotFound,

    /// <summary>The feature was deleted (soft: its history stays); only a restore applies to it.</summary>
    Deleted,

    /// <summary>The feature's version is no longer the one the client read: someone else changed it first.</summary>
    VersionMismatch,

    /// <summary>A restore named a version the history does not hold as a feature (never written, or a delete).</summary>
    UnknownVersion,
}

/// <summary>
/// What an edit found and left: <see cref="Before"/> is null for a create and for the restore of a deleted feature,
/// <see cref="After"/> for a delete and for a refusal. <see cref="CurrentVersion"/> is the version the feature was at
/// (also when deleted), for a 412 that tells the client which version to read.
/// </summary>
public sealed record EditResult(EditStatus Status, VersionedFeature? Before, VersionedFeature? After, long CurrentVersion);

/// <summary>Who makes an edit (null: no account, never for HTTP writes) and the audit entry it leaves (see <see cref="AuditOf{T}"/>).</summary>
public sealed record EditAuthor(string? User, AuditOf<EditResult> Audit);

/// <summary>
/// Writes to the <see cref="CollectionDefinition.Editable"/> collections (OGC API – Features Part 4). Each write checks
/// the version the client read, changes the feature, records it in the store's history and audits it as one atomic
/// step, and is durable before it returns. Features arrive validated against the catalog, geometries in storage
/// coordinates. Deletes are soft: the feature leaves the collection (items, tiles, search, analyses) and its history
/// keeps every version, so an admin can restore it.
/// </summary>
public interface IFeatureEditor
{
    /// <summary>The live feature, null when it was deleted or never existed.</summary>
    Task<VersionedFeature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    /// <summary>The live feature or, when there is none, the version of its delete if it was deleted: both in one read.</summary>
    Task<FoundFeature> FindAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="feature"/> under a new id (its own id is ignored), at version 1.</summary>
    Task<VersionedFeature> CreateAsync(CollectionDefinition collection, Feature feature, EditAuthor author, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the feature with <paramref name="feature"/>'s id when its version is still <paramref name="expectedVersion"/>;
    /// <paramref name="operation"/> (<see cref="EditOperations.Replace"/> or <see cref="EditOperations.Patch"/>) names it in the history.
    /// </summary>
    Task<EditResult> ReplaceAsync(
        CollectionDefinition collection, Feature feature, long expectedVersion, string operation, EditAuthor author, CancellationToken cancellationToken);

    /// <summary>Takes the feature out of the collection when its version is still <paramref name="expectedVersion"/>; its history stays.</summary>
    Task<EditResult> DeleteAsync(CollectionDefinition collection, long id, long expectedVersion, EditAuthor author, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="version"/> of the feature current again, as a new version, when the feature (live or
    /// deleted) is still at <paramref name="expectedVersion"/>.
    /// </summary>
    Task<EditResult> RestoreAsync(
        CollectionDefinition collection, long id, long version, long expectedVersion, EditAuthor author, CancellationToken cancellationToken);

    /// <summary>
    /// The versions written through edits, oldest first; once an imported feature is edited its version 1 is there as
    /// <see cref="EditOperations.Import"/> (a feature never edited has none).
    /// </summary>
    Task<IReadOnlyList<FeatureVersion>> HistoryAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken);
}
