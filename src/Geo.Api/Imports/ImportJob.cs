using Geo.Api.Analysis;
using Geo.Core.Formats;
using Geo.Core.Imports;

namespace Geo.Api.Imports;

/// <summary>One import over HTTP from acceptance to its end; the writer reports rows written through <see cref="IProgress{T}"/>.</summary>
internal sealed class ImportJob : IProgress<int>
{
    private readonly Lock _lock = new();
    private readonly ImportedLayer _layer;
    private readonly int _valid;
    private ImportPlan? _plan;
    private ImportState _state;
    private int _written;
    private ImportedIds? _ids;
    private IReadOnlyList<ImportErrorRow> _errors = [];
    private DateTimeOffset? _finishedAt;

    public ImportJob(FileImportCheck check, string? user, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(check);
        _layer = check.Layer;
        _plan = check.Plan;
        _valid = check.Plan.Features.Count;
        User = user;
        DryRun = dryRun;
        Summary = check.Plan with { Features = [] };
        _state = dryRun ? ImportState.Succeeded : ImportState.Queued;
        _finishedAt = dryRun ? SubmittedAt : null;
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string? User { get; }

    public bool DryRun { get; }

    public DateTimeOffset SubmittedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The plan to write; dropped once written, so a finished import holds no features in memory.</summary>
    public ImportPlan Plan => _plan ?? throw new InvalidOperationException("the import has been written");

    public bool Finished
    {
        get
        {
            lock (_lock)
            {
                return _state is ImportState.Succeeded or ImportState.Failed;
            }
        }
    }

    /// <summary>The plan without its features: what the status keeps telling after the rows are gone.</summary>
    private ImportPlan Summary { get; }

    public void Report(int value) => Interlocked.Exchange(ref _written, value);

    public void Start() => Set(ImportState.Running);

    public void Succeed(ImportedIds ids)
    {
        lock (_lock)
        {
            _ids = ids;
            _written = _valid;
            Finish(ImportState.Succeeded);
        }
    }

    public void Fail(IReadOnlyList<ImportErrorRow> errors)
    {
        lock (_lock)
        {
            _errors = errors;
            _written = 0;
            Finish(ImportState.Failed);
        }
    }

    public ImportStatusDocument Status()
    {
        lock (_lock)
        {
            var percent = _state switch
            {
                ImportState.Queued => 0,
                ImportState.Running => Math.Min(99, (int)(100L * Volatile.Read(ref _written) / Math.Max(1, _valid))),
                ImportState.Succeeded or ImportState.Failed => 100,
                _ => throw new System.Diagnostics.UnreachableException($"import state {_state}"),
            };
            var refusedRows = Summary.Refusals.Select(r => r.Row).Distinct().Count();
            return new ImportStatusDocument(
                Id, _state, DryRun, Summary.Collection, Summary.File, _layer.Format.ToString(),
                UploadCrs.Of(_layer), _layer.Encoding, _layer.Repair,
                percent,
                new ImportCounts(Summary.Read, _valid, Summary.Repairs.Count, refusedRows, DryRun ? 0 : Volatile.Read(ref _written)),
                Summary.FieldMap, Summary.IgnoredFields,
                [.. Summary.Repairs.Select(r => new ImportRepairRow(r.Row, r.Problem, r.AreaBeforeM2, r.AreaAfterM2))],
                _errors, _ids?.First, _ids?.Last, User, SubmittedAt, _finishedAt);
        }
    }

    private void Set(ImportState state)
    {
        lock (_lock)
        {
            _state = state;
        }
    }

    private void Finish(ImportState state)
    {
        _state = state;
        _plan = null;
        _finishedAt = DateTimeOffset.UtcNow;
    }
}
