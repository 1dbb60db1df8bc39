using System.Runtime.CompilerServices;
using Geo.Core.Domain;
using Geo.Core.GisData;

namespace Geo.Core.Stores.InMemory;

/// <summary>The embedded store: a gis-data folder loaded into memory, used when no database is configured.</summary>
public sealed class InMemoryFeatureStore : IFeatureStore
{
    private readonly Dictionary<string, CollectionIndex> _collections;
    private readonly string _version;

    public InMemoryFeatureStore(GisDataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _collections = Catalog.All.ToDictionary(c => c.Id, c => new CollectionIndex(data[c], c.Time));
        _version = "embedded-" + data.ContentHash;
    }

    public string Kind => "embedded";

    public Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) =>
        Task.FromResult(Index(collection).Get(id));

    public async IAsyncEnumerable<Feature> QueryAsync(FeatureQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = Index(query.Collection).Match(query, cancellationToken).Skip(query.Offset);
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

    public Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult((long)Index(query.Collection).Match(query, cancellationToken).Count());
    }

    /// <summary>Counting in memory is cheap: the count is always exact.</summary>
    public async Task<FeaturePage> QueryPageAsync(FeatureQuery query, CancellationToken cancellationToken) =>
        new(QueryAsync(query, cancellationToken), await CountAsync(query, cancellationToken).ConfigureAwait(false), matchedIsEstimate: false);

    public Task<string> GetDataVersionAsync(CancellationToken cancellationToken) => Task.FromResult(_version);

    public Task<CollectionSummary> GetSummaryAsync(CollectionDefinition collection, string dataVersion, CancellationToken cancellationToken) =>
        Task.FromResult(Index(collection).Summary);

    private CollectionIndex Index(CollectionDefinition collection) => _collections[collection.Id];
}
