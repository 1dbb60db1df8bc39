using Geo.Api.Backends.PostGis.Accounts;
using Geo.Api.OgcApi;
using Geo.Core.GisData;
using Npgsql;
using NpgsqlTypes;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Edits on the primary, each in one transaction: the row is locked (<c>FOR UPDATE</c>), its version compared, the
/// row changed, a feature_history row added (migration 0007) and the audit row written (PostGisAuditLog), so two
/// editors holding the same version cannot both win (the second waits for the first's commit and then sees the new
/// version) and no edit exists without its audit entry. A delete takes the row out of its table, so no reader of the
/// table can show it; the history's delete row is its deleted flag (the view <c>deleted_features</c>, migration 0008),
/// and a restore puts the row back.
/// </summary>
/// <param name="kept">Answers of <see cref="FindAsync"/> kept per data version, told of every write committed here; null keeps none.</param>
internal sealed class PostGisFeatureEditor(NpgsqlDataSource writes, KeptItems? kept = null) : VersionCheckedFeatureEditor
{
    private const string Version = "version";

    /// <summary>The version of the feature's delete ($1 the collection, $2 the id); no row when it is not deleted.</summary>
    private const string DeletedVersionSql = "SELECT version FROM deleted_features WHERE collection = $1 AND feature_id = $2";

    public override async Task<VersionedFeature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, collection, id, forUpdate: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One statement, so a 404 or 410 costs one round trip as a 200 does: always one row, the feature's columns and
    /// version (null when there is no row), then its delete's version, then the data version, which the answer is kept
    /// under (<see cref="KeptItems"/>). PostgreSQL runs the <c>CASE</c>'s subquery only when it is reached, so a
    /// live feature is read as by <see cref="GetAsync"/> alone. No round trip while the answer kept is current.
    /// </summary>
    public override async Task<FoundFeature> FindAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (kept is not null && kept.TryGet(collection, id, out var known))
        {
            return known;
        }

        var listening = kept?.Versions.Connection ?? 0;
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT live.*, CASE WHEN live.{Version} IS NULL THEN ({DeletedVersionSql}) END, ({PostGisFeatureStore.DataVersionSql}) FROM (SELECT) one "
            + $"LEFT JOIN LATERAL (SELECT {PostGisColumns.SelectList(collection)}, {Version} FROM {PostGisColumns.Quote(collection.TableName)} WHERE id = $2) live ON true",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var deleted = reader.FieldCount - 2;
        var found = reader.IsDBNull(deleted - 1)
            ? new FoundFeature(null, reader.IsDBNull(deleted) ? null : reader.GetInt64(deleted))
            : new FoundFeature(new VersionedFeature(PostGisColumns.ReadFeature(collection, reader), reader.GetInt64(deleted - 1)), null);
        kept?.Keep(collection, id, reader.GetString(deleted + 1), listening, found);
        return found;
    }

    public override async Task<VersionedFeature> CreateAsync(CollectionDefinition collection, Feature feature, EditAuthor author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(author);
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The lock makes two creates take turns (readers are not blocked).
        await LockAsync(connection, transaction, collection, cancellationToken).ConfigureAwait(false);
        feature = feature with { Id = await NextIdAsync(connection, transaction, collection, cancellationToken).ConfigureAwait(false) };

        var counter = await CounterAsync(connection, transaction, collection, cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, transaction, collection, feature, 1, cancellationToken).ConfigureAwait(false);
        await LogChangeAsync(connection, transaction, collection, counter, null, feature, cancellationToken).ConfigureAwait(false);
        var created = new VersionedFeature(feature, 1);
        await HistoryAsync(connection, transaction, collection, feature.Id, 1, created.Feature, EditOperations.Create, author.User, cancellationToken).ConfigureAwait(false);
        await PostGisAuditLog.AppendAsync(connection, transaction, author.Audit.Entry(new EditResult(EditStatus.Done, null, created, 0)), cancellationToken)
            .ConfigureAwait(false);
        await DataVersionWatch.CommitAsync(kept?.Versions, transaction, cancellationToken).ConfigureAwait(false);
        return created;
    }

    public override async Task<IReadOnlyList<FeatureVersion>> HistoryAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await HistoryAsync(connection, null, collection, id, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<FeatureVersion>> HistoryAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT version, at, user_name, operation, feature::text FROM feature_history WHERE collection = $1 AND feature_id = $2 ORDER BY version",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<FeatureVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Feature? feature = null;
            if (!reader.IsDBNull(4))
            {
                using var json = System.Text.Json.JsonDocument.Parse(reader.GetString(4));
                feature = FeatureBody.Read(collection, json.RootElement, crs: null, id);
            }

            versions.Add(new FeatureVersion(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), feature));
        }

        return versions;
    }

    protected override async Task<EditResult> ChangeAsync(
        CollectionDefinition collection, long id, long expectedVersion, string operation, EditAuthor author, bool allowDeleted,
        Func<VersionedFeature?, IReadOnlyList<FeatureVersion>, (EditStatus Status, Feature? After)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(author);
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var before = await ReadAsync(connection, transaction, collection, id, forUpdate: true, cancellationToken).ConfigureAwait(false);
        long? deleted = null;
        if (before is null)
        {
            // No row to lock: the table lock (as for a create) makes two restores of one deleted feature take turns.
            await LockAsync(connection, transaction, collection, cancellationToken).ConfigureAwait(false);
            deleted = await DeletedVersionAsync(connection, transaction, collection, id, cancellationToken).ConfigureAwait(false);
        }

        if ((before?.Version ?? deleted) is not { } version)
        {
            return new EditResult(EditStatus.NotFound, null, null, 0);
        }

        if (deleted is not null && !allowDeleted)
        {
            return new EditResult(EditStatus.Deleted, null, null, version);
        }

        if (version != expectedVersion)
        {
            return new EditResult(EditStatus.VersionMismatch, before, null, version);
        }

        var history = await HistoryAsync(connection, transaction, collection, id, cancellationToken).ConfigureAwait(false);
        var (status, feature) = change(before, history);
        if (status != EditStatus.Done)
        {
            return new EditResult(status, before, null, version);
        }

        if (before is { Version: 1 } && history.Count == 0)
        {
            // An imported feature's first edit keeps the import as version 1, so it can be seen and restored.
            await HistoryAsync(connection, transaction, collection, id, 1, before.Feature, EditOperations.Import, null, cancellationToken).ConfigureAwait(false);
        }

        var after = feature is null ? null : new VersionedFeature(feature with { Id = id }, version + 1);
        var counter = await CounterAsync(connection, transaction, collection, cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, transaction, collection, id, before, after, cancellationToken).ConfigureAwait(false);
        await LogChangeAsync(connection, transaction, collection, counter, before?.Feature, after?.Feature, cancellationToken).ConfigureAwait(false);
        await HistoryAsync(connection, transaction, collection, id, version + 1, after?.Feature, operation, author.User, cancellationToken).ConfigureAwait(false);
        var result = new EditResult(EditStatus.Done, before, after, version);
        await PostGisAuditLog.AppendAsync(connection, transaction, author.Audit.Entry(result), cancellationToken).ConfigureAwait(false);
        await DataVersionWatch.CommitAsync(kept?.Versions, transaction, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The row change: update a live feature, delete it (after null) or put a deleted one back (before null).</summary>
    private static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, long id, VersionedFeature? before, VersionedFeature? after,
        CancellationToken cancellationToken)
    {
        var table = PostGisColumns.Quote(collection.TableName);
        switch (before, after)
        {
            case (null, null):
                throw new InvalidOperationException("an edit changes a feature");
            case (null, { } restored):
                await InsertAsync(connection, transaction, collection, restored.Feature, restored.Version, cancellationToken).ConfigureAwait(false);
                return;
            case ({ }, null):
            {
                await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE id = $1", connection, transaction);
                delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                await ExecuteAsync(delete, cancellationToken).ConfigureAwait(false);
                return;
            }

            case ({ }, { } replacement):
            {
                var columns = PostGisColumns.AllColumns(collection).Skip(1).ToList();
                var assignments = columns.Select((c, i) => $"{PostGisColumns.Quote(c)} = ${i + 1}");
                await using var update = new NpgsqlCommand(
                    $"UPDATE {table} SET {string.Join(", ", assignments)}, {Version} = ${columns.Count + 1} WHERE id = ${columns.Count + 2}", connection, transaction);
                AddValues(update, collection, replacement.Feature, includeId: false);
                update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = replacement.Version });
                update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                await ExecuteAsync(update, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    private static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, Feature feature, long version, CancellationToken cancellationToken)
    {
        var columns = PostGisColumns.AllColumns(collection).Append(Version).ToList();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {PostGisColumns.Quote(collection.TableName)} ({string.Join(", ", columns.Select(PostGisColumns.Quote))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})",
            connection, transaction);
        AddValues(insert, collection, feature, includeId: true);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        await ExecuteAsync(insert, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The collection's counter (migration 0011) before the edit's statement, 0 when never written.</summary>
    private static async Task<long> CounterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, CancellationToken cancellationToken)
    {
        if (!collection.HasGeometry)
        {
            return 0; // nothing is logged for it (LogChangeAsync)
        }

        await using var command = new NpgsqlCommand("SELECT coalesce((SELECT counter FROM collection_versions WHERE collection = $1), 0)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Logs where the edit's one statement changed the collection (migration 0012), under the collection counter that
    /// statement moved it to: read in the same transaction, whose row lock on the counter no other writer passes before
    /// the commit. Only when the counter moved by exactly one from <paramref name="counterBefore"/>: a writer between
    /// the two readings, or a statement whose trigger did not fire, leaves the change unlogged, so it is never taken
    /// for one it was not (the tiles are then all made again). The last 1,000 rows of the collection are kept. The
    /// four bounds are null also when the edit changed nothing tiles draw (<see cref="ChangedArea.ExtentOf(CollectionDefinition, Feature?, Feature?)"/>),
    /// not only when no geometry was written or removed, as migration 0012's comment says.
    /// </summary>
    private static async Task LogChangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, long counterBefore, Feature? before, Feature? after,
        CancellationToken cancellationToken)
    {
        if (!collection.HasGeometry)
        {
            return;
        }

        var extent = ChangedArea.ExtentOf(collection, before, after);
        await using var log = new NpgsqlCommand(
            """
            WITH logged AS (
                INSERT INTO collection_changes (collection, counter, min_x, min_y, max_x, max_y)
                SELECT $1, counter, $2, $3, $4, $5 FROM collection_versions WHERE collection = $1 AND counter = $6 + 1 RETURNING counter)
            DELETE FROM collection_changes WHERE collection = $1 AND counter <= (SELECT counter FROM logged) - 1000
            """,
            connection, transaction);
        log.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        foreach (var bound in new double?[] { extent?.MinX, extent?.MinY, extent?.MaxX, extent?.MaxY })
        {
            log.Parameters.Add(new NpgsqlParameter { Value = bound is { } b ? b : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
        }

        log.Parameters.Add(new NpgsqlParameter<long> { TypedValue = counterBefore });

        await log.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The id a new feature gets (the import's first row too): the greatest ever used plus one, deleted features' (kept
    /// in the history) included, so a deleted feature's id stays 410 Gone and its history its own. The caller holds a
    /// lock that keeps other writers from taking ids until it commits.
    /// </summary>
    internal static async Task<long> NextIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, CancellationToken cancellationToken)
    {
        var table = PostGisColumns.Quote(collection.TableName);
        await using var next = new NpgsqlCommand(
            $"SELECT greatest((SELECT max(id) FROM {table}), (SELECT max(feature_id) FROM feature_history WHERE collection = $1), 0) + 1",
            connection, transaction);
        next.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        return (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, CancellationToken cancellationToken)
    {
        await using var lockTable = new NpgsqlCommand($"LOCK TABLE {PostGisColumns.Quote(collection.TableName)} IN SHARE ROW EXCLUSIVE MODE", connection, transaction);
        await lockTable.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long?> DeletedVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(DeletedVersionSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    private static async Task<VersionedFeature?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CollectionDefinition collection, long id, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {PostGisColumns.SelectList(collection)}, {Version} FROM {PostGisColumns.Quote(collection.TableName)} WHERE id = $1{(forUpdate ? " FOR UPDATE" : "")}",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new VersionedFeature(PostGisColumns.ReadFeature(collection, reader), reader.GetInt64(reader.FieldCount - 1))
            : null;
    }

    private static void AddValues(NpgsqlCommand command, CollectionDefinition collection, Feature feature, bool includeId)
    {
        if (includeId)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = feature.Id });
        }

        if (collection.HasGeometry)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = feature.Geometry, NpgsqlDbType = NpgsqlDbType.Geometry });
        }

        foreach (var property in collection.Properties)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = feature[property.Name] ?? DBNull.Value, NpgsqlDbType = PostGisColumns.DbType(property.Type) });
        }
    }

    private static async Task HistoryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, long id, long version, Feature? feature, string operation,
        string? user, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO feature_history (user_name, collection, feature_id, version, operation, feature) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)user ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operation });
        command.Parameters.Add(new NpgsqlParameter { Value = feature is null ? DBNull.Value : FeatureBody.Write(feature), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A CHECK the catalog's validation let through (a figure below zero, start after end) is the client's to fix: a 422, not a 500.</summary>
    private static async Task ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation)
        {
            throw Geo.Core.InputException.Unprocessable(e.ColumnName is { } column ? $"properties.{column}" : "body", $"the feature breaks a rule of '{e.TableName}': {e.MessageText}");
        }
    }
}
