using Geo.Api.Backends.PostGis.Accounts;
using Geo.Core.Accounts;
using Geo.Core.Analysis.Indicators;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>Actual values in the append-only <c>indicator_actuals</c> table (migration 0002 refuses UPDATE and DELETE).</summary>
internal sealed class PostGisIndicatorActualStore(NpgsqlDataSource dataSource) : IIndicatorActualStore
{
    public Task<IndicatorActual> AppendAsync(NewIndicatorActual actual, CancellationToken cancellationToken) => AppendAsync(actual, null, cancellationToken);

    /// <summary>The value and its audit entry commit together: one transaction, so neither exists without the other.</summary>
    public async Task<IndicatorActual> AppendAsync(NewIndicatorActual actual, AuditOf<IndicatorActual>? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actual);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        IndicatorActual recorded;
        await using (var command = new NpgsqlCommand(
            "INSERT INTO indicator_actuals (indicator_id, value, as_of, note) VALUES ($1, $2, $3, $4) RETURNING seq, recorded_at", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = actual.IndicatorId });
            command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = actual.Value });
            command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = actual.AsOf });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)actual.Note ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            recorded = new IndicatorActual(reader.GetInt64(0), actual.IndicatorId, actual.Value, actual.AsOf, actual.Note, reader.GetFieldValue<DateTimeOffset>(1));
        }

        if (audit is not null)
        {
            await PostGisAuditLog.AppendAsync(connection, transaction, audit.Entry(recorded), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return recorded;
    }

    public async Task<IReadOnlyList<IndicatorActual>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT seq, indicator_id, value, as_of, note, recorded_at FROM indicator_actuals ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var actuals = new List<IndicatorActual>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            actuals.Add(new IndicatorActual(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return actuals;
    }
}
