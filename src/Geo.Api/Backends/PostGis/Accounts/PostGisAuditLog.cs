using Geo.Core.Accounts;
using Npgsql;
using NpgsqlTypes;

namespace Geo.Api.Backends.PostGis.Accounts;

/// <summary>The audit trail in the append-only <c>audit_log</c> table (migration 0006 refuses UPDATE, DELETE and TRUNCATE).</summary>
public sealed class PostGisAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public async Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await AppendAsync(connection, null, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends on the given connection, inside <paramref name="transaction"/> when a write must commit with its audit entry.</summary>
    internal static async Task<AuditEntry> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, NewAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = new NpgsqlCommand(
            "INSERT INTO audit_log (user_name, action, collection, target, detail) VALUES ($1, $2, $3, $4, $5) RETURNING seq, at", connection, transaction);
        command.Parameters.Add(Text(entry.User));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Action });
        command.Parameters.Add(Text(entry.Collection));
        command.Parameters.Add(Text(entry.Target));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Detail ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new AuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), entry.User, entry.Action, entry.Collection, entry.Target, entry.Detail);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(
            """
            SELECT seq, at, user_name, action, collection, target, detail::text FROM audit_log
            WHERE ($1::text IS NULL OR user_name = $1) AND ($2::text IS NULL OR collection = $2)
              AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
            ORDER BY seq DESC LIMIT $5
            """);
        command.Parameters.Add(Text(query.User));
        command.Parameters.Add(Text(query.Collection));
        command.Parameters.Add(Time(query.From));
        command.Parameters.Add(Time(query.To));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), NullableText(reader, 2), reader.GetString(3),
                NullableText(reader, 4), NullableText(reader, 5), NullableText(reader, 6)));
        }

        return entries;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { Value = value is { } v ? v.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
