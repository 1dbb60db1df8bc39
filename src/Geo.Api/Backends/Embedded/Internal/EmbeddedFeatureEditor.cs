using System.Collections.Concurrent;
using Geo.Api.OgcApi;
using Geo.Core.Stores.InMemory;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// The embedded store's edits: <c>feature-edits.jsonl</c> beside the indicator values (gis-data is generated and is
/// never written), one fsynced line per accepted edit before the answer, replayed over gis-data at start. The log is
/// also the features' history; a delete is a line without a feature (the feature leaves the in-memory collections, the
/// line is its deleted flag). One process owns the edits: the version check and the append run under one lock here.
/// The audit entry is appended to the audit file right after the edit's line. An import is one record holding all its
/// features, so it is replayed whole or (cut short by a crash) not at all.
/// </summary>
internal sealed class EmbeddedFeatureEditor : VersionCheckedFeatureEditor, IDisposable
{
    public const string FileName = "feature-edits.jsonl";

    private readonly InMemoryFeatureStore _store;
    private readonly JsonLinesFile<EditRecord> _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<(string Collection, long Id), long> _versions = new();
    private readonly ConcurrentDictionary<string, long> _maxIds = new(StringComparer.Ordinal);

    private EmbeddedFeatureEditor(InMemoryFeatureStore store, string directory)
    {
        _store = store;
        _log = new JsonLinesFile<EditRecord>(directory, FileName);
    }

    /// <summary>The editor over <paramref name="store"/>, with every edit already in the log applied to it.</summary>
    public static EmbeddedFeatureEditor Open(InMemoryFeatureStore store, string directory)
    {
        var editor = new EmbeddedFeatureEditor(store, directory);
        foreach (var record in editor._log.ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult())
        {
            editor.Apply(record);
        }

        return editor;
    }

    /// <summary>The store with the log applied.</summary>
    public InMemoryFeatureStore Store => _store;

    public override async Task<VersionedFeature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return await _store.GetAsync(collection, id, cancellationToken).ConfigureAwait(false) is { } feature
            ? new VersionedFeature(feature, Version(collection, id))
            : null;
    }

    public override async Task<FoundFeature> FindAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return await GetAsync(collection, id, cancellationToken).ConfigureAwait(false) is { } live
            ? new FoundFeature(live, null)
            : new FoundFeature(null, _versions.TryGetValue((collection.Id, id), out var version) ? version : null);
    }

    public override async Task<VersionedFeature> CreateAsync(CollectionDefinition collection, Feature feature, EditAuthor author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(author);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Ids of deleted features are never given again: their history keeps them.
            var id = Math.Max(_store.MaxId(collection), _maxIds.GetValueOrDefault(collection.Id)) + 1;
            var created = new VersionedFeature(feature with { Id = id }, 1);
            await AppendAsync(collection, id, 1, created.Feature, EditOperations.Create, author.User, cancellationToken).ConfigureAwait(false);
            await author.Audit.Log.AppendAsync(author.Audit.Entry(new EditResult(EditStatus.Done, null, created, 0)), cancellationToken).ConfigureAwait(false);
            return created;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Appends <paramref name="features"/> under new ids, in order, as one fsynced record: all or nothing, durable
    /// before it returns. Version 1 of each is the import, which the history does not list (as for gis-data's rows).
    /// </summary>
    public async Task<(long First, long Last)> ImportAsync(CollectionDefinition collection, IReadOnlyList<Feature> features, string? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(features);
        var bodies = features.Select(f => JsonSerializer.Deserialize<JsonElement>(FeatureBody.Write(f))).ToList();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var first = Math.Max(_store.MaxId(collection), _maxIds.GetValueOrDefault(collection.Id)) + 1;
            var record = await _log.AppendAsync(
                existing => new EditRecord(existing.Count == 0 ? 1 : existing[^1].Sequence + 1, DateTimeOffset.UtcNow, user, collection.Id, first, 1, null, Imported: bodies),
                cancellationToken).ConfigureAwait(false);
            Apply(record);
            return (first, first + features.Count - 1);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task<IReadOnlyList<FeatureVersion>> HistoryAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var records = await _log.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Where(r => r.Imported is null && r.Collection == collection.Id && r.Id == id).Select(r => new FeatureVersion(
            r.Version, r.At, r.User, r.OperationName(), r.Feature is { } json ? FeatureBody.Read(collection, json, crs: null, id) : null))];
    }

    public void Dispose()
    {
        _log.Dispose();
        _gate.Dispose();
    }

    protected override async Task<EditResult> ChangeAsync(
        CollectionDefinition collection, long id, long expectedVersion, string operation, EditAuthor author, bool allowDeleted,
        Func<VersionedFeature?, IReadOnlyList<FeatureVersion>, (EditStatus Status, Feature? After)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(author);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (before, deleted) = await FindAsync(collection, id, cancellationToken).ConfigureAwait(false);
            var current = before?.Version ?? deleted;
            if (current is not { } version)
            {
                return new EditResult(EditStatus.NotFound, null, null, 0);
            }

            if (deleted is not null && !allowDeleted)
            {
                return new EditResult(EditStatus.Deleted, null, null, version);
            }

            if (version != expectedVersion)
            {
                return new EditResult(EditStatus.VersionMismatch, before, null, version);
            }

            var (status, feature) = change(before, await HistoryAsync(collection, id, cancellationToken).ConfigureAwait(false));
            if (status != EditStatus.Done)
            {
                return new EditResult(status, before, null, version);
            }

            if (before is { Version: 1 } && !_versions.ContainsKey((collection.Id, id)))
            {
                // An imported feature's first edit keeps the import as version 1, so it can be seen and restored.
                await AppendAsync(collection, id, 1, before.Feature, EditOperations.Import, null, cancellationToken).ConfigureAwait(false);
            }

            var after = feature is null ? null : new VersionedFeature(feature with { Id = id }, version + 1);
            await AppendAsync(collection, id, version + 1, after?.Feature, operation, author.User, cancellationToken).ConfigureAwait(false);
            var result = new EditResult(EditStatus.Done, before, after, version);
            await author.Audit.Log.AppendAsync(author.Audit.Entry(result), cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the edit to the log (fsynced) and only then to memory, so nothing is answered that a crash could lose.</summary>
    private async Task AppendAsync(
        CollectionDefinition collection, long id, long version, Feature? after, string operation, string? user, CancellationToken cancellationToken)
    {
        using var document = after is null ? null : JsonDocument.Parse(FeatureBody.Write(after));
        var record = await _log.AppendAsync(
            existing => new EditRecord(
                existing.Count == 0 ? 1 : existing[^1].Sequence + 1, DateTimeOffset.UtcNow, user, collection.Id, id, version, document?.RootElement.Clone(), operation),
            cancellationToken).ConfigureAwait(false);
        Apply(record);
    }

    private void Apply(EditRecord record)
    {
        var collection = Catalog.Find(record.Collection) ?? throw new InvalidDataException($"{FileName}: unknown collection '{record.Collection}' at line {record.Sequence}");
        if (record.Imported is { } imported)
        {
            _store.Apply(collection, [.. imported.Select((json, i) => (record.Id + i, (Feature?)FeatureBody.Read(collection, json, crs: null, record.Id + i)))]);
            _maxIds[collection.Id] = Math.Max(_maxIds.GetValueOrDefault(collection.Id), record.Id + imported.Count - 1);
            return;
        }

        var feature = record.Feature is { } json ? FeatureBody.Read(collection, json, crs: null, record.Id) : null;
        _store.Apply(collection, record.Id, feature);
        _versions[(collection.Id, record.Id)] = record.Version;
        _maxIds[collection.Id] = Math.Max(_maxIds.GetValueOrDefault(collection.Id), record.Id);
    }

    private long Version(CollectionDefinition collection, long id) => _versions.GetValueOrDefault((collection.Id, id), 1);

    /// <summary>
    /// One line of the log: the feature as it is after the edit (null: deleted), in storage coordinates; or an import's
    /// features (<see cref="Imported"/>), which take the ids from <see cref="Id"/> on. Lines written before operations
    /// were recorded have none; theirs follows from the line.
    /// </summary>
    internal sealed record EditRecord(long Sequence, DateTimeOffset At, string? User, string Collection, long Id, long Version, JsonElement? Feature,
        string? Operation = null, IReadOnlyList<JsonElement>? Imported = null)
    {
        public string OperationName() => Operation ?? (Feature is null ? EditOperations.Delete : Version == 1 ? EditOperations.Create : EditOperations.Replace);
    }
}
