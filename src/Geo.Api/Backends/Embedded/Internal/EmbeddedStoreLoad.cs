using Geo.Api.GisData;
using Geo.Core.GisData;
using Geo.Core.Stores.InMemory;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// Loads the embedded store in the background from the moment the service starts: gis-data, then the edit log replayed
/// over it. Meanwhile the service answers what needs no data, readiness is 503 and data requests get 503 with
/// <c>Retry-After</c> (<see cref="StoreNotReadyException"/>): a county's million parcels take seconds to load, and a
/// request must not hang on them. Progress goes to the log in steps of ten percent.
/// After a full load the packed store is written as a snapshot (<see cref="StoreSnapshot"/>) into the state folder,
/// once the service is ready; the next start whose gis-data hashes the same reads it instead of parsing and checking
/// every feature again. A stale or damaged snapshot is logged and ignored, and gis-data is loaded as usual.
/// </summary>
internal sealed partial class EmbeddedStoreLoad : IHostedService, IDisposable
{
    /// <summary>What a client is told to wait before asking again while the data loads.</summary>
    public const int RetryAfterSeconds = 2;

    private readonly string _gisData;
    private readonly string _dataFolder;
    private readonly EmbeddedLoadHold _hold;
    private readonly ILogger<EmbeddedStoreLoad> _logger;
    private readonly Lazy<Task<EmbeddedFeatureEditor>> _load;
    private readonly Lock _disposeLock = new();
    private Task _snapshotWrite = Task.CompletedTask;
    private bool _disposed;
    private int _percent;

    public EmbeddedStoreLoad(string gisData, string dataFolder, EmbeddedLoadHold hold, ILogger<EmbeddedStoreLoad> logger)
    {
        _gisData = gisData;
        _dataFolder = dataFolder;
        _hold = hold;
        _logger = logger;
        _load = new(() => Task.Run(LoadAsync));
    }

    /// <summary>Completes once the store is loaded (or faults with why it could not be).</summary>
    public Task<EmbeddedFeatureEditor> Loaded => _load.Value;

    /// <summary>True once the store was read from the snapshot rather than loaded from gis-data.</summary>
    public bool FromSnapshot { get; private set; }

    /// <summary>Where the snapshot of the store lives: the state folder, since gis-data may be read-only.</summary>
    public string SnapshotPath => Path.Combine(_dataFolder, "cache", "gis-data.snapshot");

    /// <summary>Completes once the snapshot after a full load is written (or could not be: the log says why).</summary>
    public Task SnapshotWritten
    {
        get
        {
            lock (_disposeLock)
            {
                return _snapshotWrite;
            }
        }
    }

    /// <summary>The loaded editor (and its store); throws <see cref="StoreNotReadyException"/> while loading or after a failed load.</summary>
    public EmbeddedFeatureEditor Editor
    {
        get
        {
            var load = _load.Value;
            if (load.IsCompletedSuccessfully)
            {
                return load.Result;
            }

            if (load.Exception is { } failed)
            {
                var reason = failed.InnerException ?? failed;
                throw new StoreNotReadyException(
                    $"the gis-data in {_gisData} could not be loaded ({reason.Message}); run `check-data` on the folder, fix it and restart the service",
                    retryAfterSeconds: null, reason);
            }

            throw new StoreNotReadyException(
                $"the embedded store is loading gis-data ({Volatile.Read(ref _percent)} % done); try again in {RetryAfterSeconds} s", RetryAfterSeconds);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _load.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        lock (_disposeLock)
        {
            _disposed = true;

            // The write must not outlive the service (its folder may be deleted next); it logs its own failure.
            _snapshotWrite.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            if (_load.IsValueCreated && _load.Value.IsCompletedSuccessfully)
            {
                _load.Value.Result.Dispose();
            }
        }
    }

    private async Task<EmbeddedFeatureEditor> LoadAsync()
    {
        await _hold.Released.ConfigureAwait(false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        LogStarted(_logger, _gisData);
        try
        {
            var lastStep = -1;
            var percent = new Progress(fraction =>
            {
                var value = (int)(fraction * 100);
                Volatile.Write(ref _percent, value);
                if (value / 10 > lastStep)
                {
                    lastStep = value / 10;
                    LogProgress(_logger, value, clock.Elapsed.TotalSeconds);
                }
            });
            var (store, features, snapshot) = ReadSnapshot(percent) is { } read ? (read, read.FeatureCount, null) : Pack(percent);
            var editor = EmbeddedFeatureEditor.Open(store, _dataFolder);
            lock (_disposeLock)
            {
                if (_disposed)
                {
                    editor.Dispose();
                }
                else if (snapshot is not null)
                {
                    _snapshotWrite = Task.Run(() => WriteSnapshot(snapshot));
                }
            }

            // The parse's garbage (the files' text, JSON documents) is gone now: give it back to the operating system.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            LogLoaded(_logger, features, clock.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024));
            return editor;
        }
        catch (Exception e)
        {
            LogFailed(_logger, _gisData, e.Message);
            throw;
        }
    }

    /// <summary>
    /// Reads gis-data and packs it, in a method of its own: a local of the async caller would live on in its state
    /// machine and keep every parsed feature from the collection that follows.
    /// </summary>
    private (InMemoryFeatureStore Store, long Features, StoreSnapshot? Snapshot) Pack(IProgress<double> percent)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = GisDataFolder.Load(_gisData, percent: percent);
        var read = clock.Elapsed.TotalSeconds;
        var store = new InMemoryFeatureStore(data);
        LogPhases(_logger, read, clock.Elapsed.TotalSeconds - read);

        // Taken before the edit log is replayed: a snapshot holds gis-data only.
        var snapshot = StoreSnapshot.Capture(store, out var reason);
        if (reason is not null)
        {
            LogSnapshotNotWritten(_logger, reason);
        }

        return (store, data.TotalCount, snapshot);
    }

    /// <summary>The store from the snapshot when it is one of the gis-data as it is now; null (and why, in the log) otherwise.</summary>
    private InMemoryFeatureStore? ReadSnapshot(IProgress<double> percent)
    {
        if (!File.Exists(SnapshotPath))
        {
            return null;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (GisDataHash.Of(_gisData) is not { } hash)
        {
            return null;
        }

        percent.Report(0.5);
        if (StoreSnapshot.TryRead(SnapshotPath, hash, out var reason) is { } store)
        {
            LogSnapshotRead(_logger, SnapshotPath, hash, clock.Elapsed.TotalSeconds);
            FromSnapshot = true;
            return store;
        }

        LogSnapshotIgnored(_logger, SnapshotPath, reason ?? "it is gone");
        return null;
    }

    private void WriteSnapshot(StoreSnapshot snapshot)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            snapshot.Write(SnapshotPath);
            LogSnapshotWritten(_logger, snapshot.ContentHash, SnapshotPath, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSnapshotNotWritten(_logger, e.Message);
        }
    }

    /// <summary>Reports on the calling thread (System.Progress would post to the thread pool and could report out of order).</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Embedded store: loading gis-data from {Folder}")]
    private static partial void LogStarted(ILogger logger, string folder);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Embedded store: loading {Percent} % ({Seconds:F1} s)")]
    private static partial void LogProgress(ILogger logger, int percent, double seconds);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Embedded store: loaded {Features} features in {Seconds:F1} s, {ManagedMb} MB managed; ready")]
    private static partial void LogLoaded(ILogger logger, long features, double seconds, long managedMb);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Embedded store: gis-data read and checked in {ReadSeconds:F1} s, packed and indexed in {PackSeconds:F1} s")]
    private static partial void LogPhases(ILogger logger, double readSeconds, double packSeconds);

    [LoggerMessage(EventId = 45, Level = LogLevel.Information, Message = "Embedded store: read the snapshot {Path} of gis-data {Hash} in {Seconds:F1} s")]
    private static partial void LogSnapshotRead(ILogger logger, string path, string hash, double seconds);

    [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "Embedded store: snapshot {Path} ignored, loading gis-data instead: {Reason}")]
    private static partial void LogSnapshotIgnored(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 47, Level = LogLevel.Information, Message = "Embedded store: snapshot of gis-data {Hash} written to {Path} in {Seconds:F1} s")]
    private static partial void LogSnapshotWritten(ILogger logger, string hash, string path, double seconds);

    [LoggerMessage(EventId = 48, Level = LogLevel.Warning, Message = "Embedded store: no snapshot written: {Reason}")]
    private static partial void LogSnapshotNotWritten(ILogger logger, string reason);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Embedded store: gis-data in {Folder} could not be loaded: {Reason}")]
    private static partial void LogFailed(ILogger logger, string folder, string reason);
}

/// <summary>
/// When the background load may begin: at once, unless a test holds it to see the service while it loads. Nothing
/// else changes under a hold, so what the test sees is what a client sees during a long load.
/// </summary>
internal sealed record EmbeddedLoadHold(Task Released)
{
    public static EmbeddedLoadHold None { get; } = new(Task.CompletedTask);
}
