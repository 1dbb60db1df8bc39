using Geo.Api.Backends.Embedded.Internal;
using Geo.Core.Accounts;

namespace Geo.Api.Backends.Embedded.Accounts;

/// <summary>The embedded store's audit trail: <c>audit.jsonl</c> beside the indicator values, appended and fsynced, never rewritten.</summary>
public sealed class JsonLinesAuditLog(string directory) : IAuditLog, IDisposable
{
    public const string FileName = "audit.jsonl";

    private readonly JsonLinesFile<AuditEntry> _file = new(directory, FileName);

    public Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _file.AppendAsync(
            existing => new AuditEntry(
                existing.Count == 0 ? 1 : existing[^1].Sequence + 1, DateTimeOffset.UtcNow, entry.User, entry.Action, entry.Collection, entry.Target, entry.Detail),
            cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = await _file.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return [.. all.Where(query.Matches).Reverse().Take(query.Limit)];
    }

    public void Dispose() => _file.Dispose();
}
