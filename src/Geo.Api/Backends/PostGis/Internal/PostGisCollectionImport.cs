using Geo.Api.Imports;
using Geo.Api.Backends.PostGis.Accounts;
using Geo.Core.GisData;
using Geo.Core.Imports;
using Npgsql;
using NpgsqlTypes;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Appends a validated <see cref="ImportPlan"/> to one collection table in one transaction: new ids follow the
/// table's largest, the table is locked against concurrent writers meanwhile, and any failure (a CHECK, a
/// cancellation, a dropped connection) rolls back every row, leaving the table as it was. The audit entry is written
/// in the same transaction, so there is never an import without its entry nor an entry without its rows. An import of
/// <paramref name="rebuildFrom"/> rows or more builds the table anew instead of appending (<see cref="PostGisTableRebuild"/>).
/// </summary>
/// <param name="versions">Told of every import committed here, before it is acknowledged; null in the CLI.</param>
internal sealed class PostGisCollectionImport(NpgsqlDataSource dataSource, int rebuildFrom = PostGisTableRebuild.MinimumRows, DataVersionWatch? versions = null)
    : ICollectionImporter, IStreamingCollectionImporter
{
    /// <summary>Rows between progress reports.</summary>
    private const int ReportEvery = 10_000;

    public async Task<ImportedIds> AppendAsync(
        ImportPlan plan, string? user, string via, IProgress<int>? written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.CanWrite)
        {
            throw new InvalidOperationException("a plan with refusals is never written");
        }

        var collection = Catalog.Find(plan.Collection) ?? throw new InvalidOperationException($"unknown collection {plan.Collection}");
        return (await WriteAsync(plan.File, collection, plan.Features, plan.Features.Count, () => plan, user, via, written, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<ImportedIds?> AppendAsync(
        string file, CollectionDefinition collection, IEnumerable<PreparedFeature> rows, int count, Func<ImportPlan> finish, string? user, string via, IProgress<int>? written,
        CancellationToken cancellationToken) =>
        WriteAsync(file, collection, rows, count, finish, user, via, written, cancellationToken);

    private async Task<ImportedIds?> WriteAsync(
        string file, CollectionDefinition collection, IEnumerable<PreparedFeature> rows, int count, Func<ImportPlan> finish, string? user, string via, IProgress<int>? written,
        CancellationToken cancellationToken)
    {
        var table = PostGisColumns.Quote(collection.TableName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long first;
        // SHARE ROW EXCLUSIVE: readers go on, but no other writer takes ids between our max(id) and commit. An import that
        // may rebuild the table also keeps out SELECT … FOR UPDATE (EXCLUSIVE), whose row lock would deadlock with the swap.
        var mode = count >= rebuildFrom ? "EXCLUSIVE" : "SHARE ROW EXCLUSIVE";
        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN {mode} MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Ids as the editor gives them, so a deleted feature's id is never given again.
        first = await PostGisFeatureEditor.NextIdAsync(connection, transaction, collection, cancellationToken).ConfigureAwait(false);

        long sent;
        ImportPlan plan;
        try
        {
            // A large import builds the table anew beside the old one and swaps it in (PostGisTableRebuild); a small one appends.
            var rebuild = await PostGisTableRebuild.BeginAsync(connection, transaction, collection.TableName, count, rebuildFrom, cancellationToken).ConfigureAwait(false);
            sent = await CopyAsync(connection, rebuild?.Shadow ?? table, collection, rows, first, written, cancellationToken).ConfigureAwait(false);
            // Rows sent before a later row was refused are rolled back with the transaction, never committed.
            plan = finish();
            if (!plan.CanWrite)
            {
                return null;
            }

            if (rebuild is not null)
            {
                await rebuild.SwapAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PostgresException e)
        {
            throw new DataValidationException([new DataError(file, "database", $"rejected by PostGIS: {e.MessageText}{(e.Detail is null ? "" : $" ({e.Detail})")}")]);
        }

        var ids = new ImportedIds(first, first + sent - 1);
        await PostGisAuditLog.AppendAsync(connection, transaction, ImportAudit.Entry(user, via, plan, ids), cancellationToken).ConfigureAwait(false);

        await DataVersionWatch.CommitAsync(versions, transaction, cancellationToken).ConfigureAwait(false);
        return ids;
    }

    /// <summary>Sends the rows by binary COPY into <paramref name="table"/> (quoted) as they come; answers how many.</summary>
    private static async Task<long> CopyAsync(
        NpgsqlConnection connection, string table, CollectionDefinition collection, IEnumerable<PreparedFeature> rows, long firstId, IProgress<int>? written, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", PostGisColumns.AllColumns(collection).Select(PostGisColumns.Quote));
        var writer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var id = firstId;
            foreach (var feature in rows)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(id++, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(feature.Geometry, NpgsqlDbType.Geometry, cancellationToken).ConfigureAwait(false);
                foreach (var property in collection.Properties)
                {
                    await PostGisColumns.WriteValueAsync(writer, property.Type, feature.Properties.GetValueOrDefault(property.Name), cancellationToken).ConfigureAwait(false);
                }

                var sent = (int)(id - firstId);
                if (sent % ReportEvery == 0)
                {
                    written?.Report(sent);
                }
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            written?.Report((int)(id - firstId));
            return id - firstId;
        }
    }
}
