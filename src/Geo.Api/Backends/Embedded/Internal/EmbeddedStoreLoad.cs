using Geo.Api.GisData;
using Geo.Core.GisData;
using Geo.Core.Stores;
using Geo.Core.Stores.InMemory;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// Loads the embedded store in the background from the moment the service starts: gis-data, then the edit log replayed
/// over it. Meanwhile the service answers what needs no data, readiness is 503 and data requests get 503 with
/// <c>Retry-After</c> (<see cref="StoreNotReadyException"/>): a county's million parcels take seconds to load, and a
/// request must not hang on them. Progress goes to the log in steps of ten percent.
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
            var (store, features) = Pack(_gisData, percent);
            var editor = EmbeddedFeatureEditor.Open(store, _dataFolder);
            lock (_disposeLock)
            {
                if (_disposed)
                {
                    editor.Dispose();
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
    private static (InMemoryFeatureStore Store, int Features) Pack(string folder, IProgress<double> percent)
    {
        var data = GisDataFolder.Load(folder, percent: percent);
        return (new InMemoryFeatureStore(data), data.TotalCount);
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
    private static partial void LogLoaded(ILogger logger, int features, double seconds, long managedMb);

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
