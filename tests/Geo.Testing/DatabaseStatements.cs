using System.Collections.Concurrent;
using System.Diagnostics;

namespace Geo.Testing;

/// <summary>
/// Counts the statements (commands and batches, each one round trip) Npgsql sends to one database, from Npgsql's own
/// tracing (its <c>Npgsql</c> ActivitySource), so the product carries no counter of its own for tests. Opening a
/// physical connection (<c>CONNECT</c>) is not a statement and is not counted. Only this database's statements count:
/// other test classes run meanwhile against their own databases. Npgsql names the database only when a statement ends
/// (its activity starts without tags), so a statement is counted when it ends.
/// </summary>
public sealed class DatabaseStatements : IDisposable
{
    private readonly ActivityListener _listener;

    /// <summary>Every Npgsql activity started and not yet ended, of any database.</summary>
    private readonly ConcurrentDictionary<Activity, bool> _open = new();

    private long _count;

    public DatabaseStatements(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => _open.TryAdd(activity, true),
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.query.text") is not null && activity.GetTagItem("db.namespace") as string == database.Name)
                {
                    Interlocked.Increment(ref _count);
                }

                _open.TryRemove(activity, out _);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>
    /// Statements ended since this counter was made, once every statement started before this call has ended: an items
    /// page's reader is closed after the response has gone (at most 10 s, then what has ended).
    /// </summary>
    public async Task<long> CountAsync()
    {
        var started = _open.Keys.ToList();
        for (var waited = 0; waited < 1000 && started.Any(_open.ContainsKey); waited++)
        {
            await Task.Delay(10);
        }

        return Interlocked.Read(ref _count);
    }

    /// <summary>
    /// Waits until no statement of this database has ended for one second (at most 30 s). A service that has just
    /// started checks every collection in the background (the tile overviews' pass: a data version and a size per
    /// collection, ~25 statements); a test counting one request's statements must not count those.
    /// </summary>
    public async Task QuietAsync()
    {
        var waited = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var last = await CountAsync();
        while (quiet.Elapsed < TimeSpan.FromSeconds(1) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
            var now = Interlocked.Read(ref _count);
            if (now != last || !_open.IsEmpty)
            {
                last = now;
                quiet.Restart();
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
