using Geo.Api.Imports;
using Geo.Core.Accounts;
using Geo.Core.Imports;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// An import on the embedded store: one record of the fsynced edit log (<see cref="EmbeddedFeatureEditor.ImportAsync"/>),
/// then its audit entry. <paramref name="editor"/> is asked at the import, so that the service can start before its data is loaded. The two are separate files, so a crash between them leaves rows without their entry, never
/// an entry without rows; the edit log itself names the user and the time of every import.
/// </summary>
internal sealed class EmbeddedCollectionImport(Func<EmbeddedFeatureEditor> editor, IAuditLog audit) : ICollectionImporter
{
    public async Task<ImportedIds> AppendAsync(ImportPlan plan, string? user, string via, IProgress<int>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.CanWrite)
        {
            throw new InvalidOperationException("a plan with refusals is never written");
        }

        var collection = Catalog.Find(plan.Collection) ?? throw new InvalidOperationException($"unknown collection {plan.Collection}");
        var (first, last) = await editor().ImportAsync(
            collection, [.. plan.Features.Select(f => new Feature(0, f.Geometry, f.Properties))], user, cancellationToken).ConfigureAwait(false);
        written?.Report(plan.Features.Count);
        var ids = new ImportedIds(first, last);
        // The rows are durable now: their entry is written even when the caller has meanwhile given up.
        await audit.AppendAsync(ImportAudit.Entry(user, via, plan, ids), CancellationToken.None).ConfigureAwait(false);
        return ids;
    }
}
