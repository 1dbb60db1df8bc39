using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.GisData;
using Geo.Core.Synthetic;
using Npgsql;

namespace Geo.Api.Cli;

/// <summary>
/// Where <c>generate-parcels</c> writes: PostGIS, replacing the parcels table in one transaction by binary COPY. The
/// table's secondary indexes (the GiST index) are dropped for the copy and built again before the commit: one index build
/// is several times faster than a million index inserts, and nobody sees the table without them.
/// </summary>
internal static class GeneratedParcelsTarget
{
    /// <summary>The district outline and township seats as the database has them (imported from gis-data).</summary>
    public static async Task<(Geometry District, IReadOnlyList<TownshipSeat> Seats)> ReadSurroundingsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var district = new List<Geometry>();
        await using (var command = dataSource.CreateCommand($"SELECT geom FROM {Catalog.District.TableName} ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                district.Add(reader.GetFieldValue<Geometry>(0));
            }
        }

        var seats = new List<TownshipSeat>();
        await using (var command = dataSource.CreateCommand($"SELECT code, geom FROM {Catalog.Townships.TableName} ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                seats.Add(new TownshipSeat(reader.GetString(0), reader.GetFieldValue<Point>(1)));
            }
        }

        if (district.Count == 0 || seats.Count == 0)
        {
            throw new CliException("the database has no district outline or no townships to generate parcels over; import gis-data first (import --connection …)");
        }

        return (ParcelSurroundings.Outline(district), seats);
    }

    public static async Task ReplaceAsync(NpgsqlDataSource dataSource, IEnumerable<Feature> parcels, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var table = Catalog.Parcels.TableName;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = '{table}'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await ExecuteAsync(connection, transaction, $"TRUNCATE {table}", cancellationToken).ConfigureAwait(false);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, transaction, $"DROP INDEX {PostGisColumns.Quote(name)}", cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await PostGisImporter.CopyAsync(connection, Catalog.Parcels, parcels, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw new CliException($"{table}: rejected by PostGIS: {e.MessageText}; nothing was written", e);
        }

        foreach (var (name, definition) in indexes)
        {
            progress.Report($"building index {name}");
            await ExecuteAsync(connection, transaction, definition, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        progress.Report("committed; analysing the table for the planner");
        await ExecuteAsync(connection, null, $"ANALYZE {table}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
