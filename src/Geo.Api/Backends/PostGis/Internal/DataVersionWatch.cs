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
/// A write committed elsewhere is known once its notification arrives and the version is read again, normally well
/// under a millisecond after the commit. A write made by this process is forgotten (<see cref="Forget"/>) before the write is acknowledged, so that
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

    /// <summary>The longest pause between two connection attempts while the database stays away.</summary>
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private static readonly Known Nothing = new(null, 0);

    private readonly Lock _gate = new();
    private Known _known = Nothing;
    private bool _forgottenDuringRead;
    private volatile bool _noticed;
    private long _connection;
    private long _connectionsOpened;
    private bool _failedBefore;
    private bool _toldNotMigrated;

    /// <summary>
    /// Which listening connection this is, counted from 1; 0 while not listening. What was read under another may be
    /// of another timeline (the database restored from a backup counts its version up again from an older value).
    /// </summary>
    public long Connection => Interlocked.Read(ref _connection);

    /// <summary>The data version as PostGisFeatureStore.DataVersionSql writes it, or null when it is not known now.</summary>
    public string? Current()
    {
        var known = Volatile.Read(ref _known);
        return known.Version is { } version && Environment.TickCount64 - known.ReadAt <= (long)TrustedFor.TotalMilliseconds ? version : null;
    }

    /// <summary>
    /// Whether what was read at <paramref name="version"/> under listening connection <paramref name="connection"/> is
    /// still the database's: that version is the one known now, heard on the same connection.
    /// </summary>
    public bool IsCurrent(string version, long connection) => Current() == version && Connection == connection;

    /// <summary>
    /// Whether what a statement reads may be kept: <paramref name="connection"/>, taken before it was sent, is the
    /// listening connection still (nothing read across a reconnection, or while not listening, is kept).
    /// </summary>
    public bool MayKeep(long connection) => connection != 0 && connection == Connection;

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

        // A read in flight is not kept: read again as soon as it ends. When none is in flight, the write's own notice
        // (or, if that was read before this forget, the next poll) brings the version back.
        _noticed = true;
    }

    /// <summary>
    /// Commits a write of this process and forgets the version before the write is acknowledged (<see cref="Forget"/>),
    /// also when the commit throws, since the server may have committed before the connection failed. Without a watch
    /// (the CLI, <c>Database:KeptItems=0</c>) it only commits.
    /// </summary>
    public static async Task CommitAsync(DataVersionWatch? versions, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            versions?.Forget();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not from the service's pools: a pooled connection goes back without a reset (PostGisDataSource), LISTEN and all;
        // and WaitAsync needs a connection of its own, never multiplexed.
        // Untraced: a read a second would be most of a quiet service's spans, and tests count the service's statements.
        var builder = new NpgsqlDataSourceBuilder(PostGisDataSource.PrimaryConnectionString(connectionString));
        builder.ConnectionStringBuilder.Pooling = false;
        builder.ConnectionStringBuilder.Multiplexing = false;
        builder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        builder.ConfigureTracing(o => o.ConfigureCommandFilter(_ => false).EnablePhysicalOpenTracing(false));
        await using var dataSource = builder.Build();
        var retry = Poll;
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
                var listened = Interlocked.Exchange(ref _connection, 0) != 0;
                Forget();

                // Once when listening stops (or never starts), not every attempt while the database stays away; the
                // attempts space out, so that a database that is down or not migrated is not asked every second.
                logger.Log(listened || !_failedBefore ? LogLevel.Warning : LogLevel.Debug,
                    "data version: not listening ({Message}); items are read from the database until listening again", e.Message);
                _failedBefore = true;
                retry = listened ? Poll : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }

            try
            {
                await Task.Delay(retry, stoppingToken).ConfigureAwait(false);
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
        Interlocked.Exchange(ref _connection, Interlocked.Increment(ref _connectionsOpened));
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
        if (_failedBefore)
        {
            logger.LogInformation("data version: listening again");
            _failedBefore = false;
        }

        if (!notified && !_toldNotMigrated)
        {
            logger.LogInformation("data version: migration {Migration} is not applied, so no write would be heard of; items are read from the database", NoticesMigration);
            _toldNotMigrated = true;
        }

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
