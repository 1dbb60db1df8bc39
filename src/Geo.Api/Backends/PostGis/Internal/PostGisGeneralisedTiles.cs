using Geo.Api.OgcApi.Tiles;
using Npgsql;
using NpgsqlTypes;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// The generalised tiles kept in the <c>generalised_tiles</c> table (migration 0010), where every service on the
/// database finds them: read from <paramref name="reads"/> (a standby may answer), replaced through
/// <paramref name="writes"/> in one transaction.
/// </summary>
internal sealed class PostGisGeneralisedTiles(NpgsqlDataSource reads, NpgsqlDataSource writes) : IGeneralisedTileStore
{
    public async Task<string?> KeptVersionAsync(CollectionDefinition collection, string madeBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        // One version per collection: WriteAsync replaces the collection's rows whole.
        await using var command = reads.CreateCommand("SELECT data_version FROM generalised_tiles WHERE collection = $1 AND made_by = $2 LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = madeBy });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<IReadOnlyList<StoredTile>> ReadAsync(CollectionDefinition collection, string dataVersion, string madeBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        await using var command = reads.CreateCommand(
            "SELECT tile_matrix, tile_col, tile_row, features, mvt FROM generalised_tiles WHERE collection = $1 AND data_version = $2 AND made_by = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dataVersion });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = madeBy });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tiles = new List<StoredTile>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tiles.Add(new StoredTile(
                new TileAddress(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)),
                VectorTileAnswer.Of(reader.GetFieldValue<byte[]>(4), reader.GetInt32(3))));
        }

        return tiles;
    }

    public async Task WriteAsync(CollectionDefinition collection, string dataVersion, string madeBy, IReadOnlyList<StoredTile> tiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(tiles);
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            // Two services finishing at once take turns; the second replaces the first's rows with its own.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("LOCK TABLE generalised_tiles IN EXCLUSIVE MODE"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM generalised_tiles WHERE collection = $1") { Parameters = { new NpgsqlParameter<string> { TypedValue = collection.Id } } });
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY generalised_tiles (collection, data_version, made_by, tile_matrix, tile_row, tile_col, features, mvt) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (var (tile, answer) in tiles)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(collection.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(dataVersion, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(madeBy, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(tile.Z, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(tile.Y, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(tile.X, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(answer.Features, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(answer.Bytes, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
