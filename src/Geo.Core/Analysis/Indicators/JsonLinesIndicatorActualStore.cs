using System.Text;
using System.Text.Json;

namespace Geo.Core.Analysis.Indicators;

/// <summary>
/// Actual values for the embedded store: one JSON object per line in <c>indicator-actuals.jsonl</c>, appended and
/// fsynced before the append returns. A line cut short by a crash was never acknowledged, so reading skips it.
/// </summary>
public sealed class JsonLinesIndicatorActualStore : IIndicatorActualStore, IDisposable
{
    public const string FileName = "indicator-actuals.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private readonly SemaphoreSlim _gate = new(1, 1);

    public JsonLinesIndicatorActualStore(string directory)
    {
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
    }

    public string FilePath { get; }

    public async Task<IndicatorActual> AppendAsync(NewIndicatorActual actual, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actual);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (existing, endsCleanly) = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var record = new IndicatorActual(
                existing.Count == 0 ? 1 : existing[^1].Sequence + 1, actual.IndicatorId, actual.Value, actual.AsOf, actual.Note, DateTimeOffset.UtcNow);
            // A torn last line is closed first, so the new record starts on a line of its own.
            var line = (endsCleanly ? string.Empty : "\n") + JsonSerializer.Serialize(record, Json) + "\n";
            await using var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<IndicatorActual>> ListAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await ReadAsync(cancellationToken).ConfigureAwait(false)).Records;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<(List<IndicatorActual> Records, bool EndsCleanly)> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return ([], true);
        }

        var text = await File.ReadAllTextAsync(FilePath, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        var records = new List<IndicatorActual>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                if (JsonSerializer.Deserialize<IndicatorActual>(line, Json) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // Only a write interrupted by a crash leaves a partial line, and that write was never acknowledged.
            }
        }

        return (records, text.Length == 0 || text[^1] == '\n');
    }
}
