namespace Geo.Core.Stores;

/// <summary>
/// One page of features and how many match the query without offset and limit. <see cref="Matched"/> is exact unless
/// <see cref="MatchedIsEstimate"/>: a store may estimate an unfiltered first page of a large collection, or a filter
/// matching many more features than the page, rather than count them. Dispose when done: the page may hold an open database reader.
/// </summary>
/// <param name="dataVersion">
/// The store's data version (<see cref="IFeatureStore.GetDataVersionAsync"/>) read before the page's rows, in the same
/// round trip, so an ETag made from it is never newer than the page; null when the store did not read it.
/// </param>
public sealed class FeaturePage(
    IAsyncEnumerable<Feature> features, long matched, bool matchedIsEstimate, IAsyncDisposable? owner = null, string? dataVersion = null)
    : IAsyncDisposable
{
    public IAsyncEnumerable<Feature> Features { get; } = features;

    public long Matched { get; } = matched;

    public bool MatchedIsEstimate { get; } = matchedIsEstimate;

    public string? DataVersion { get; } = dataVersion;

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
