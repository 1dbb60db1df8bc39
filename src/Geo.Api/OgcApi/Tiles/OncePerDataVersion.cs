using System.Collections.Concurrent;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// Per key (a collection), one task for the data version last asked about: started by the first caller at that
/// version and shared by the others; started again when another version is asked for, or after it failed. Lazy, so
/// that of two callers racing to replace an entry only the one kept starts its task; the task runs apart from any one
/// request, so a client that gives up does not waste it for the next.
/// </summary>
internal sealed class OncePerDataVersion<T>
{
    private readonly ConcurrentDictionary<string, (string DataVersion, Lazy<Task<T>> Task)> _entries = new(StringComparer.Ordinal);

    public Task<T> Get(string key, string dataVersion, Func<Task<T>> start)
    {
        return _entries.AddOrUpdate(key, _ => New(), (_, old) => old.DataVersion == dataVersion && !old.Task.Value.IsFaulted ? old : New()).Task.Value;

        (string, Lazy<Task<T>>) New() => (dataVersion, new Lazy<Task<T>>(() => Task.Run(start)));
    }

    /// <summary>Whether <paramref name="dataVersion"/> is still the version last asked about under <paramref name="key"/>.</summary>
    public bool IsLatest(string key, string dataVersion) => _entries.TryGetValue(key, out var entry) && entry.DataVersion == dataVersion;
}
