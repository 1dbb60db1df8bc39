namespace Geo.Core.Imports;

/// <summary>The ids given to an import's new rows, first and last inclusive (in file order).</summary>
public sealed record ImportedIds(long First, long Last);

/// <summary>
/// Appends a validated <see cref="ImportPlan"/> to its collection all or nothing, durable before it returns, with the
/// audit entry (Geo.Api's <c>ImportAudit.Entry</c>) (PostGIS: in the same transaction; embedded: after the one fsynced
/// record of the edit log).
/// </summary>
public interface ICollectionImporter
{
    /// <param name="user">Who imports, for the audit trail.</param>
    /// <param name="via">How: <c>cli</c> or <c>http</c>.</param>
    /// <param name="written">Rows written so far, reported now and then while the rows go in.</param>
    Task<ImportedIds> AppendAsync(ImportPlan plan, string? user, string via, IProgress<int>? written, CancellationToken cancellationToken);
}
