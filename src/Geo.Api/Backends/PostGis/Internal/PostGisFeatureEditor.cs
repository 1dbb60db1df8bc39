using Geo.Api.OgcApi;
using Geo.Core.Domain;
using Geo.Core.GisData;
using Geo.Core.Stores;
using Npgsql;
using NpgsqlTypes;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Edits on the primary, each in one transaction: the row is locked (<c>FOR UPDATE</c>), its version compared, the
/// row changed and a feature_history row added (migration 0007), so two editors holding the same version cannot both
/// win: the second waits for the first's commit and then sees the new version.
/// </summary>
internal sealed class PostGisFeatureEditor(NpgsqlDataSource writes) : IFeatureEditor
{
    private const string Version = "version";

    public async Task<VersionedFeature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, collection, id, forUpdate: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<VersionedFeature> CreateAsync(CollectionDefinition collection, Feature feature, string? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(feature);
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var table = PostGisColumns.Quote(collection.TableName);

        // Ids are the greatest ever used plus one, history included, so a deleted feature's id is never given again;
        // the lock makes two creates take turns (readers are not blocked).
        await using (var lockTable = new NpgsqlCommand($"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var next = new NpgsqlCommand(
            $"SELECT greatest((SELECT max(id) FROM {table}), (SELECT max(feature_id) FROM feature_history WHERE collection = $1), 0) + 1",
            connection, transaction))
        {
            next.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
            var id = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            feature = feature with { Id = id };
        }

        var columns = PostGisColumns.AllColumns(collection).ToList();
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(PostGisColumns.Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})",
            connection, transaction))
        {
            AddValues(insert, collection, feature, includeId: true);
            await ExecuteAsync(insert, cancellationToken).ConfigureAwait(false);
        }

        var created = new VersionedFeature(feature, 1);
        await HistoryAsync(connection, transaction, collection, feature.Id, created, "create", user, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    public Task<EditResult> ReplaceAsync(CollectionDefinition collection, Feature feature, long expectedVersion, string? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(feature);
        var assignments = PostGisColumns.AllColumns(collection).Skip(1).Select((c, i) => $"{PostGisColumns.Quote(c)} = ${i + 1}");
        var sql = $"UPDATE {PostGisColumns.Quote(collection.TableName)} SET {string.Join(", ", assignments)}, {Version} = {Version} + 1 "
                  + $"WHERE id = ${PostGisColumns.AllColumns(collection).Count()}";
        return ChangeAsync(collection, feature.Id, expectedVersion, "replace", user, command =>
        {
            command.CommandText = sql;
            AddValues(command, collection, feature, includeId: false);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = feature.Id });
        }, before => new VersionedFeature(feature, before.Version + 1), cancellationToken);
    }

    public Task<EditResult> DeleteAsync(CollectionDefinition collection, long id, long expectedVersion, string? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return ChangeAsync(collection, id, expectedVersion, "delete", user, command =>
        {
            command.CommandText = $"DELETE FROM {PostGisColumns.Quote(collection.TableName)} WHERE id = $1";
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        }, _ => null, cancellationToken);
    }

    public async Task<IReadOnlyList<FeatureVersion>> HistoryAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        await using var command = writes.CreateCommand(
            "SELECT version, at, user_name, operation, feature::text FROM feature_history WHERE collection = $1 AND feature_id = $2 ORDER BY version");
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

    private async Task<EditResult> ChangeAsync(
        CollectionDefinition collection, long id, long expectedVersion, string operation, string? user,
        Action<NpgsqlCommand> prepare, Func<VersionedFeature, VersionedFeature?> after, CancellationToken cancellationToken)
    {
        await using var connection = await writes.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await ReadAsync(connection, transaction, collection, id, forUpdate: true, cancellationToken).ConfigureAwait(false) is not { } before)
        {
            return new EditResult(EditStatus.NotFound, null, null);
        }

        if (before.Version != expectedVersion)
        {
            return new EditResult(EditStatus.VersionMismatch, before, null);
        }

        await using (var command = new NpgsqlCommand(null, connection, transaction))
        {
            prepare(command);
            await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }

        var result = after(before);
        await HistoryAsync(connection, transaction, collection, id, result, operation, user, cancellationToken, before.Version + 1).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new EditResult(EditStatus.Done, before, result);
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
        NpgsqlConnection connection, NpgsqlTransaction transaction, CollectionDefinition collection, long id, VersionedFeature? after, string operation,
        string? user, CancellationToken cancellationToken, long? deletedVersion = null)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO feature_history (user_name, collection, feature_id, version, operation, feature) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)user ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after?.Version ?? deletedVersion ?? 1 });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = operation });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = after is null ? DBNull.Value : FeatureBody.Write(after.Feature), NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
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
