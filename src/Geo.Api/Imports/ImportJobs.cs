using System.Collections.Concurrent;
using System.Threading.Channels;
using Geo.Api.Analysis;
using Geo.Core.GisData;
using Geo.Core.Imports;

namespace Geo.Api.Imports;

/// <summary>
/// The imports accepted over HTTP: validated plans wait in a queue and one background writer takes them in turn
/// (one import at a time keeps memory and locks bounded). The newest <see cref="Kept"/> statuses are kept in memory for
/// their status resource; the audit trail is the lasting record.
/// </summary>
// The importer is resolved per job, not at start: on the embedded store resolving it loads gis-data, and a folder that
// cannot be loaded must leave the service up (live 200, ready 503) rather than fail the hosted service's start.
internal sealed class ImportJobs(IServiceProvider services, ILogger<ImportJobs> logger) : BackgroundService
{
    /// <summary>Statuses kept for reading; older finished ones are forgotten.</summary>
    public const int Kept = 200;

    /// <summary>Validated plans waiting to be written; a full queue answers 503 rather than holding more files in memory.</summary>
    public const int QueueLength = 8;

    private readonly Channel<ImportJob> _queue = Channel.CreateBounded<ImportJob>(QueueLength);
    private readonly ConcurrentDictionary<string, ImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public ImportStatusDocument? Find(string id) => _jobs.TryGetValue(id, out var job) ? job.Status() : null;

    /// <summary>Queues the plan for writing; false when the queue is full.</summary>
    public bool TryEnqueue(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_queue.Writer.TryWrite(job))
        {
            return false;
        }

        _jobs[job.Id] = job;
        _order.Enqueue(job.Id);
        while (_order.Count > Kept && _order.TryPeek(out var oldest) && _jobs.TryGetValue(oldest, out var old) && old.Finished)
        {
            _order.TryDequeue(out _);
            _jobs.TryRemove(oldest, out _);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await RunAsync(job, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        job.Start();
        try
        {
            var ids = await services.GetRequiredService<ICollectionImporter>().AppendAsync(job.Plan, job.User, "http", job, stoppingToken).ConfigureAwait(false);
            job.Succeed(ids);
        }
        catch (DataValidationException e)
        {
            job.Fail([.. e.Errors.Select(d => new ImportErrorRow(d.File, null, d.Location, d.Reason))]);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.Fail([new ImportErrorRow(job.Plan.File, null, null, "the service stopped before the import was written; nothing was written, send the file again")]);
        }
#pragma warning disable CA1031 // A failed write must end the import as failed and the writer must go on with the next one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "import {Id} of {File} into {Collection} failed", job.Id, job.Plan.File, job.Plan.Collection);
            job.Fail([new ImportErrorRow(job.Plan.File, null, null, $"the store could not write the import ({e.GetType().Name}); nothing was written, the service log has the details")]);
        }
    }
}
