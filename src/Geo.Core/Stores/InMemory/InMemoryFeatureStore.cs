using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Geo.Core.GisData;

namespace Geo.Core.Stores.InMemory;

/// <summary>The embedded store: a gis-data folder loaded into memory, used when no database is configured.</summary>
public sealed class InMemoryFeatureStore : IFeatureStore
{
    private Dictionary<string, CollectionIndex> _collections;
    private readonly string _version;
    private readonly Lock _writes = new();
    private long _edits;

    /// <summary>Edits applied since loading, per collection id (none: absent).</summary>
    private readonly ConcurrentDictionary<string, long> _collectionEdits = new(StringComparer.Ordinal);

    /// <summary>Per collection id, the last <see cref="KeptChanges"/> edits' numbers and areas (<see cref="GetChangedAreaAsync"/>), under <see cref="_writes"/>.</summary>
    private readonly Dictionary<string, Queue<(long Edit, Envelope? Extent)>> _changes = new(StringComparer.Ordinal);

    /// <summary>How many edits back a collection's changed area can be told: enough for a day of staff edits between two tiles asked for.</summary>
    private const int KeptChanges = 1000;

    public InMemoryFeatureStore(GisDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _collections = Catalog.All.ToDictionary(c => c.Id, c => new CollectionIndex(c, data[c]));
        ContentHash = data.ContentHash;
        _version = "embedded-" + data.ContentHash;
    }

    /// <summary>A store of collections read from a snapshot of the gis-data whose hash is <paramref name="contentHash"/>.</summary>
    internal InMemoryFeatureStore(Dictionary<string, CollectionIndex> collections, string contentHash)
    {
        _collections = collections;
        ContentHash = contentHash;
        _version = "embedded-" + contentHash;
    }

    /// <summary>Matches counted exactly past a page, as <c>PostGisFeatureStore.DefaultExactMatchLimit</c>; settable for tests.</summary>
    public int ExactMatchLimit { get; init; } = 10_000;

    public string Kind => "embedded";

    /// <summary>The hash of the gis-data this store was loaded from (<see cref="GisDataSet.ContentHash"/>).</summary>
    public string ContentHash { get; }

    /// <summary>How many features all collections hold now.</summary>
    public long FeatureCount => Collections.Values.Sum(c => c.LiveCount);

    /// <summary>The collections as they are now (each index never changes): what a snapshot writes.</summary>
    internal IReadOnlyDictionary<string, CollectionIndex> Collections => Volatile.Read(ref _collections);

    public Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) =>
        Task.FromResult(Index(collection).Get(id));

    public IAsyncEnumerable<Feature> QueryAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Stream(Index(query.Collection), query, cancellationToken);
    }

    public Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(Index(query.Collection).Count(query, cancellationToken));
    }

    /// <summary>
    /// An unsorted filtered page counts its matches exactly up to the features before it, its own and
    /// <see cref="ExactMatchLimit"/> more, and estimates past that (<see cref="CollectionIndex.CountUpTo"/>), as the
    /// PostGIS store does; a sorted page, which examines every match to sort them, counts them all. The version is read first, so it is never newer than the page; count and rows come from one
    /// index, so a write between them cannot make them disagree.
    /// </summary>
    public async Task<FeaturePage> QueryPageAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var version = await GetDataVersionAsync(cancellationToken).ConfigureAwait(false);
        var index = Index(query.Collection);
        var (matched, estimated) = query.Limit is { } limit && query.SortBy.Count == 0
            ? index.CountUpTo(query, (query.After?.Position ?? query.Offset) + (long)limit + ExactMatchLimit, cancellationToken)
            : (index.Count(query, cancellationToken), false);
        return new(Stream(index, query, cancellationToken), matched, estimated, dataVersion: version);
    }

    /// <summary>An index never changes once built (writes swap in a new one), so the one read here is the snapshot; its count is exact.</summary>
    public Task<FeaturePage> QuerySnapshotAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var index = Index(query.Collection);
        return Task.FromResult(new FeaturePage(Stream(index, query, cancellationToken), index.Count(query, cancellationToken), matchedIsEstimate: false));
    }

    private static async IAsyncEnumerable<Feature> Stream(CollectionIndex index, FeatureQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var matches = query.After is { } after
            ? index.MatchAfter(query, after, cancellationToken)
            : index.Match(query, cancellationToken).Skip(query.Offset);
        if (query.Limit is { } limit)
        {
            matches = matches.Take(limit);
        }

        foreach (var feature in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return feature;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<string> GetDataVersionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Read(ref _edits) switch { 0 => _version, var n => $"{_version}-{n}" });

    /// <summary>
    /// A collection not edited since loading is at <see cref="LoadedVersion"/>, so what was made from it as loaded (the
    /// generalised tiles kept in the state folder) still names it after other collections are edited.
    /// </summary>
    public Task<IReadOnlyList<string>> GetCollectionVersionsAsync(IReadOnlyList<CollectionDefinition> collections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collections);
        return Task.FromResult<IReadOnlyList<string>>(collections
            .Select(c => _collectionEdits.TryGetValue(c.Id, out var n) ? $"{_version}-{c.Id}.{n}" : _version)
            .ToList());
    }

    /// <summary>
    /// The data version of the store as loaded, before any edit: the only one that names the same data in another
    /// process (an edited store's version counts the edits applied since it was loaded).
    /// </summary>
    public string LoadedVersion => _version;

    /// <summary>
    /// Puts <paramref name="replacement"/> in place of feature <paramref name="id"/> (null removes it): the embedded
    /// backend's editor applies its edit log through this. A new index of the collection is swapped in whole, so a
    /// reader sees the collection before or after, never half.
    /// </summary>
    public void Apply(CollectionDefinition collection, long id, Feature? replacement) => Apply(collection, [(id, replacement)]);

    /// <summary>Several changes as one swap (an import's rows): readers see all of them or none.</summary>
    public void Apply(CollectionDefinition collection, IReadOnlyList<(long Id, Feature? Replacement)> changes)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(changes);
        lock (_writes)
        {
            var before = Index(collection);
            var rebuilt = new Dictionary<string, CollectionIndex>(_collections) { [collection.Id] = before.With(changes) };
            Volatile.Write(ref _collections, rebuilt);
            Interlocked.Increment(ref _edits);
            var edit = _collectionEdits.AddOrUpdate(collection.Id, 1, (_, n) => n + 1);
            if (!_changes.TryGetValue(collection.Id, out var kept))
            {
                _changes[collection.Id] = kept = new Queue<(long, Envelope?)>();
            }

            kept.Enqueue((edit, ChangedArea.Union(changes.Select(c => ChangedArea.ExtentOf(collection, before.Get(c.Id), c.Replacement)))));
            if (kept.Count > KeptChanges)
            {
                kept.Dequeue();
            }
        }
    }

    /// <summary>Every edit of the collection since loading is logged, up to the last <see cref="KeptChanges"/>.</summary>
    public Task<ChangedArea> GetChangedAreaAsync(CollectionDefinition collection, string fromVersion, string toVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (EditNumber(collection, fromVersion) is not { } from || EditNumber(collection, toVersion) is not { } to || from > to)
        {
            return Task.FromResult(ChangedArea.Unknown);
        }

        lock (_writes)
        {
            var logged = _changes.TryGetValue(collection.Id, out var kept) ? kept.Where(c => c.Edit > from && c.Edit <= to).ToList() : [];
            if (logged.Count != to - from)
            {
                return Task.FromResult(ChangedArea.Unknown);
            }

            return Task.FromResult(new ChangedArea(true, logged.Select(c => c.Extent).OfType<Envelope>().ToList()));
        }
    }

    /// <summary>How many edits of the collection a version of it (<see cref="GetCollectionVersionsAsync"/>) counts; null for another store's or collection's.</summary>
    private long? EditNumber(CollectionDefinition collection, string version) =>
        version == _version ? 0
        : version.StartsWith($"{_version}-{collection.Id}.", StringComparison.Ordinal)
          && long.TryParse(version.AsSpan(_version.Length + collection.Id.Length + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : null;

    /// <summary>The greatest id the collection holds now (0 when empty).</summary>
    public long MaxId(CollectionDefinition collection) => Index(collection).MaxId;

    public Task<CollectionSummary> GetSummaryAsync(CollectionDefinition collection, string collectionVersion, CancellationToken cancellationToken) =>
        Task.FromResult(Index(collection).Summary);

    private CollectionIndex Index(CollectionDefinition collection) => Volatile.Read(ref _collections)[collection.Id];
}
