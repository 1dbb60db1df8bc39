namespace Geo.Api.Hosting;

/// <summary>
/// Gives memory back to the operating system a few seconds after a burst of requests with large bodies has gone quiet.
/// Why: reading and parsing a large JSON body (a CQL2-JSON literal, a drawn geometry: the body buffer, then the
/// JsonDocument's token table, which doubles as it fills) rents 0.5, 1, 2 and 4 MB arrays from
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/>, which keeps one array of each size in every thread that returned
/// one, and drops it only at a full (gen2) collection at least 30 s after an earlier one saw it unused; a quiet
/// service makes no full collections at all (docs/BENCHMARKS.md, "Memory under hostile requests").
/// Two things make that quick: the thread pool ends idle worker threads after 2 s instead of 20 s
/// (<c>System.Threading.ThreadPool.ThreadTimeoutMs</c> in Geo.Api.csproj), and a thread's pooled arrays are garbage
/// once the thread has ended; and this service, once committed GC memory has grown by <see cref="Growth"/> and the
/// process has allocated next to nothing for <see cref="QuietPeriod"/> (so those threads have ended), makes a full
/// collection and then an aggressive (compacting, decommitting) one, and repeats that a few times (<see cref="Then"/>) so that the pool
/// also drops the arrays still held by threads that live on. Under load the GC makes full collections by itself and this
/// adds nothing; idle it costs a read of two counters a second.
/// </summary>
internal sealed partial class MemoryRelease(ILogger<MemoryRelease> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    /// <summary>Longer than the thread pool's idle timeout (2 s, Geo.Api.csproj), so the threads of the burst have ended.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(3);

    /// <summary>Above the pool's 30 s, so that each later collection finds the arrays the previous one stamped.</summary>
    private static readonly TimeSpan PoolTrimAge = TimeSpan.FromSeconds(31);

    /// <summary>Growth of committed GC memory since the last release that starts one.</summary>
    private const long Growth = 16 * 1024 * 1024;

    /// <summary>Allocation in one tick above which the service counts as busy (an idle one allocates a few kB a second).</summary>
    private const long Busy = 1024 * 1024;

    /// <summary>
    /// When the releases after the first come: two more while the burst's last threads end (each ends 2 s after its
    /// last work); then one <see cref="PoolTrimAge"/> after the first, which stamped the arrays threads that live on
    /// still hold, so the pool drops them; and one more for the per-core stacks, which the pool trims more slowly.
    /// </summary>
    private static readonly TimeSpan[] Then = [QuietPeriod, QuietPeriod, PoolTrimAge - QuietPeriod - QuietPeriod, PoolTrimAge];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        var settled = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);
        var allocated = GC.GetTotalAllocatedBytes();
        var quietSince = TimeSpan.Zero;
        var nextPass = TimeSpan.Zero;
        var passesLeft = 0; // collections left in this release: the first and those in Then
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = clock.Elapsed;
            var allocatedNow = GC.GetTotalAllocatedBytes();
            var busy = allocatedNow - allocated > Busy;
            allocated = allocatedNow;
            if (busy)
            {
                quietSince = now;
                continue;
            }

            // Under load the GC makes full collections by itself, and the pool trims in those: nothing to add.
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (GC.CollectionCount(GC.MaxGeneration) != fullCollections
                || now - quietSince < QuietPeriod
                || (passesLeft == 0 && committed < settled + Growth)
                || (passesLeft > 0 && now < nextPass))
            {
                fullCollections = GC.CollectionCount(GC.MaxGeneration);
                continue;
            }

            passesLeft = passesLeft == 0 ? Then.Length + 1 : passesLeft;
            // An ended thread's per-thread slots are freed by the finalizer of its Thread object: the first collection
            // queues that finalizer, the second (aggressive) one collects the arrays and decommits.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            passesLeft--;
            nextPass = passesLeft == 0 ? now : now + Then[^passesLeft];
            fullCollections = GC.CollectionCount(GC.MaxGeneration);
            settled = GC.GetGCMemoryInfo().TotalCommittedBytes;
            LogReleased(logger, committed / (1024 * 1024), settled / (1024 * 1024));
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Released memory: GC committed {Before} MB before, {After} MB after")]
    private static partial void LogReleased(ILogger logger, long before, long after);
}
