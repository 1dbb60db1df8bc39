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

/// <summary>
/// An importer that writes rows as a file is read (<see cref="FileImport.StreamAsync"/>), all or nothing: the rows go in
/// one transaction, which commits, with its audit entry, only when the finished plan can be written.
/// </summary>
public interface IStreamingCollectionImporter
{
    /// <param name="file">The file's name, for a message when the database refuses a row.</param>
    /// <param name="rows">The valid rows, read from the file as they are enumerated.</param>
    /// <param name="count">How many features the file holds, the most <paramref name="rows"/> can yield (a large import may be written another way).</param>
    /// <param name="finish">The plan once every row was read; a plan with refusals writes nothing.</param>
    /// <returns>The ids given, or null when the plan had refusals and nothing was written.</returns>
    Task<ImportedIds?> AppendAsync(
        string file, Domain.CollectionDefinition collection, IEnumerable<PreparedFeature> rows, int count, Func<ImportPlan> finish, string? user, string via, IProgress<int>? written,
        CancellationToken cancellationToken);
}
