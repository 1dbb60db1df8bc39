namespace Geo.Api.Hosting;

/// <summary>
/// Gives memory back to the operating system after requests with large bodies, when nothing else would.
/// Why: reading and parsing a large JSON body (a CQL2-JSON literal, a drawn geometry: the body buffer, then the
/// JsonDocument's token table, which doubles as it fills) rents 0.5, 1, 2 and 4 MB arrays from
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/>, which keeps one array of each size in every thread that returned one. The pool drops an array only at a full (gen2) collection at least 30 s after an earlier one
/// saw it unused, and a quiet service makes no full collections, so the process kept ~7 MB per such thread for good
/// (measured with dotnet-counters and the pool's own slots: docs/BENCHMARKS.md, "Memory under hostile requests").
/// When committed GC memory has grown and the GC has made no full collection of its own since the last look, this
/// makes those collections (aggressive: compacting, decommitting) every <see cref="Interval"/> until the pool has let
/// go, which costs a few milliseconds a minute on a heap this size.
/// </summary>
internal sealed partial class MemoryRelease(ILogger<MemoryRelease> logger) : BackgroundService
{
    /// <summary>Above the pool's 30 s, so that each collection finds the arrays the previous one stamped.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(31);

    /// <summary>Growth of committed GC memory since the last release that starts one.</summary>
    private const long Growth = 16 * 1024 * 1024;

    /// <summary>Stamp, drop (the pool's trim runs after the collection that finds them stale), collect the dropped arrays.</summary>
    private const int Passes = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var settled = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var passesLeft = 0;
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            // Under load the GC makes full collections by itself, and the pool trims in those: nothing to add.
            var natural = GC.CollectionCount(GC.MaxGeneration) != fullCollections;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (natural || (passesLeft == 0 && committed < settled + Growth))
            {
                fullCollections = GC.CollectionCount(GC.MaxGeneration);
                continue;
            }

            passesLeft = passesLeft == 0 ? Passes : passesLeft;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            passesLeft--;
            fullCollections = GC.CollectionCount(GC.MaxGeneration);
            settled = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (passesLeft == 0)
            {
                LogReleased(logger, committed / (1024 * 1024), settled / (1024 * 1024));
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Released memory: GC committed {Before} MB before, {After} MB after")]
    private static partial void LogReleased(ILogger logger, long before, long after);
}
