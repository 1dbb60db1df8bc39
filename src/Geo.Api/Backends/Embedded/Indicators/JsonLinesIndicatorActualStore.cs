using Geo.Api.Backends.Embedded.Internal;
using Geo.Core.Accounts;
using Geo.Core.Analysis.Indicators;

namespace Geo.Api.Backends.Embedded.Indicators;

/// <summary>
/// Actual values for the embedded store: one JSON object per line in <c>indicator-actuals.jsonl</c>, appended and
/// fsynced before the append returns, safe for several processes on one folder (<see cref="JsonLinesFile{T}"/>).
/// </summary>
public sealed class JsonLinesIndicatorActualStore(string directory) : IIndicatorActualStore, IDisposable
{
    public const string FileName = "indicator-actuals.jsonl";

    private readonly JsonLinesFile<IndicatorActual> _file = new(directory, FileName);

    public string FilePath => _file.FilePath;

    public Task<IndicatorActual> AppendAsync(NewIndicatorActual actual, CancellationToken cancellationToken) => AppendAsync(actual, null, cancellationToken);

    public async Task<IndicatorActual> AppendAsync(NewIndicatorActual actual, AuditOf<IndicatorActual>? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var recorded = await _file.AppendAsync(
            existing => new IndicatorActual(
                existing.Count == 0 ? 1 : existing[^1].Sequence + 1, actual.IndicatorId, actual.Value, actual.AsOf, actual.Note, DateTimeOffset.UtcNow),
            cancellationToken).ConfigureAwait(false);
        if (audit is not null)
        {
            await audit.Log.AppendAsync(audit.Entry(recorded), cancellationToken).ConfigureAwait(false);
        }

        return recorded;
    }

    public Task<IReadOnlyList<IndicatorActual>> ListAsync(CancellationToken cancellationToken) => _file.ReadAllAsync(cancellationToken);

    public void Dispose() => _file.Dispose();
}
