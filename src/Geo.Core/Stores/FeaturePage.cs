namespace Geo.Core.Stores;

/// <summary>
/// One page of features and how many match the query without offset and limit. <see cref="Matched"/> is exact unless
/// <see cref="MatchedIsEstimate"/>: a store may estimate an unfiltered first page of a large collection rather than
/// count it. Dispose when done: the page may hold an open database reader.
/// </summary>
public sealed class FeaturePage(IAsyncEnumerable<Feature> features, long matched, bool matchedIsEstimate, IAsyncDisposable? owner = null)
    : IAsyncDisposable
{
    public IAsyncEnumerable<Feature> Features { get; } = features;

    public long Matched { get; } = matched;

    public bool MatchedIsEstimate { get; } = matchedIsEstimate;

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
