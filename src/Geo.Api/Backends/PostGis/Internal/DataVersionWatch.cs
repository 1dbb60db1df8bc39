using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// The database's current data version (migration 0004), learned without a round trip per request: one connection of
/// its own to the primary listens on channel <c>data_version</c> (migration 0013: every change of the version notifies
/// at commit) and reads the version again when told, and at least once a <see cref="Poll"/>. Until it has read it on a
/// live connection, or when it has not heard from PostgreSQL for <see cref="TrustedFor"/>, it knows nothing, and
/// whoever asks goes to the database as before.
/// </summary>
/// <remarks>
/// A write committed elsewhere is known once its notification arrives, normally well under a millisecond after the
/// commit. A write made by this process is forgotten (<see cref="Forget"/>) before the write is acknowledged, so that
/// its author never reads what it replaced; a read of the version that began before the forget does not bring the old
/// version back.
/// </remarks>
internal sealed class DataVersionWatch(string connectionString, ILogger<DataVersionWatch> logger) : BackgroundService
{
    public const string Channel = "data_version";

    /// <summary>The listening connection's <c>application_name</c>, as <c>pg_stat_activity</c> shows it.</summary>
    public const string ApplicationName = "kaizhou-geo data version";

    /// <summary>The migration whose trigger notifies: without it, nothing is known (no write would be heard of).</summary>
    public const string NoticesMigration = "0013_data_version_notices.sql";

    /// <summary>The longest wait between two reads of the version, and between two connection attempts.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>How long the version last read is trusted without hearing from PostgreSQL again.</summary>
    public static readonly TimeSpan TrustedFor = TimeSpan.FromSeconds(3);

    private static readonly Known Nothing = new(null, 0);

    private readonly Lock _gate = new();
    private Known _known = Nothing;
    private bool _forgottenDuringRead;
    private volatile bool _noticed;

    /// <summary>The data version as PostGisFeatureStore.DataVersionSql writes it, or null when it is not known now.</summary>
    public string? Current()
    {
        var known = Volatile.Read(ref _known);
        return known.Version is { } version && Environment.TickCount64 - known.ReadAt <= (long)TrustedFor.TotalMilliseconds ? version : null;
    }

    /// <summary>
    /// This process has just committed a write: the version is not known again until read anew, however a read in
    /// flight turns out.
    /// </summary>
    public void Forget()
    {
        lock (_gate)
        {
            _forgottenDuringRead = true;
            Volatile.Write(ref _known, Nothing);
        }

        // A read in flight will not be kept: read again at once rather than at the next poll.
        _noticed = true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not from the service's pools: a pooled connection goes back without a reset (PostGisDataSource), LISTEN and all.
        // Untraced: a read a second would be most of a quiet service's spans, and tests count the service's statements.
        var builder = new NpgsqlDataSourceBuilder(PostGisDataSource.PrimaryConnectionString(connectionString));
        builder.ConnectionStringBuilder.Pooling = false;
        builder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        builder.ConfigureTracing(o => o.ConfigureCommandFilter(_ => false).EnablePhysicalOpenTracing(false));
        await using var dataSource = builder.Build();
        var failedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(dataSource, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure (the database restarted, the network gone) means listening again after a pause.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var knew = Volatile.Read(ref _known) != Nothing;
                Forget();

                // Once when listening stops (or never starts), not every second while the database stays away.
                logger.Log(knew || !failedBefore ? LogLevel.Warning : LogLevel.Debug,
                    "data version: not listening ({Message}); items are read from the database until listening again", e.Message);
                failedBefore = true;
            }

            try
            {
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = dataSource.CreateConnection();
        connection.Notification += (_, _) => _noticed = true;
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var read = new NpgsqlCommand(
            $"SELECT ({PostGisFeatureStore.DataVersionSql}), EXISTS (SELECT 1 FROM {SchemaMigrator.JournalTable} WHERE scriptname LIKE '%.' || $1)",
            connection)
        { CommandTimeout = (int)TrustedFor.TotalSeconds };
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NoticesMigration });
        while (true)
        {
            // A notice that arrives while the version is read may have been sent after the read's snapshot: read again.
            do
            {
                await ReadAsync(read, cancellationToken).ConfigureAwait(false);
            }
            while (_noticed);

            await connection.WaitAsync(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadAsync(NpgsqlCommand read, CancellationToken cancellationToken)
    {
        _noticed = false;
        lock (_gate)
        {
            _forgottenDuringRead = false;
        }

        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var version = reader.GetString(0);
        var notified = reader.GetBoolean(1);
        lock (_gate)
        {
            // Forgotten meanwhile: the read may predate this process's write; the next one, which its notice brings, will not.
            if (notified && !_forgottenDuringRead)
            {
                Volatile.Write(ref _known, new Known(version, Environment.TickCount64));
            }
        }
    }

    private sealed record Known(string? Version, long ReadAt);
}
