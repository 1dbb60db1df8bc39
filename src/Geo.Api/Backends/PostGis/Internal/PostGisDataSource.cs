using System.Globalization;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// Builds the Npgsql data sources the service and CLI use, with PostGIS geometries mapped to NTS. A connection string
/// naming several hosts (<c>Host=primary,standby</c>) is PostgreSQL streaming replication: reads may be served by a
/// standby, writes, migrations and imports always go to the primary. A single host is used for everything, as before.
/// </summary>
internal static class PostGisDataSource
{
    /// <summary>The data source that writes: the connection string's one host, or the primary among several.</summary>
    /// <param name="statementTimeout">
    /// When given, PostgreSQL cancels any statement running longer (<c>statement_timeout</c>, set for every connection),
    /// so that no request can keep the database busy after the service has stopped waiting for it.
    /// </param>
    public static NpgsqlDataSource Create(string connectionString, TimeSpan? statementTimeout = null) =>
        Builder(PrimaryConnectionString(connectionString), statementTimeout).Build();

    /// <summary>
    /// Reads and writes over the connection string's hosts. Reads use the string's <c>Target Session Attributes</c>, or
    /// <c>prefer-standby</c> when it names none, so a standby answers while the primary is down.
    /// </summary>
    public static PostGisDataSources CreateReadWrite(string connectionString, TimeSpan? statementTimeout = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!IsMultiHost(settings))
        {
            var single = Builder(connectionString, statementTimeout).Build();
            return new PostGisDataSources(single, single, single, readsFromPrimary: true);
        }

        var reads = settings.TargetSessionAttributes is { Length: > 0 } named
            ? Enum.Parse<TargetSessionAttributes>(named.Replace("-", "", StringComparison.Ordinal), ignoreCase: true)
            : TargetSessionAttributes.PreferStandby;
        var hosts = Builder(connectionString, statementTimeout).BuildMultiHost();
        return new PostGisDataSources(hosts, hosts.WithTargetSession(reads), hosts.WithTargetSession(TargetSessionAttributes.Primary),
            readsFromPrimary: reads is TargetSessionAttributes.Primary or TargetSessionAttributes.ReadWrite);
    }

    /// <summary>The connection string unchanged for one host; for several, one that only ever connects to the primary.</summary>
    public static string PrimaryConnectionString(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!IsMultiHost(settings))
        {
            return connectionString;
        }

        settings.TargetSessionAttributes = "primary";
        return settings.ConnectionString;
    }

    /// <summary>
    /// Whether the connection string names a setting itself (by any of <paramref name="keywords"/>, with or without their
    /// spaces), not just its default.
    /// </summary>
    private static bool Sets(string connectionString, params string[] keywords)
    {
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(k => named.ContainsKey(k) || named.ContainsKey(k.Replace(" ", "", StringComparison.Ordinal)));
    }

    // Npgsql's own test for a multi-host string: a comma in Host.
    private static bool IsMultiHost(NpgsqlConnectionStringBuilder settings) => settings.Host?.Contains(',', StringComparison.Ordinal) == true;

    /// <summary>Statements each connection keeps prepared: a few per collection (item, page, count) are the hot ones.</summary>
    internal const int AutoPrepared = 64;

    /// <summary>Connections a burst opened that are kept however long they idle (a burst of 16 concurrent requests opens 16).</summary>
    internal const int KeptConnections = 16;

    private static NpgsqlDataSourceBuilder Builder(string connectionString, TimeSpan? statementTimeout)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;

        // Every request runs one of a few statements (an item by id, a page, a count) whose text is the same for a
        // collection: prepared on first reuse, PostgreSQL skips parsing and planning them and Npgsql reading their row
        // description. A table swapped in by an import (same column types, in any order) is re-planned by PostgreSQL
        // on its own (PreparedStatementsTests). A column whose type a migration changes under a running service fails
        // each prepared statement reading it once per pooled connection ("cached plan must not change result type"),
        // after which Npgsql prepares it anew. The connection string's own settings win.
        if (!Sets(connectionString, "Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = AutoPrepared;
        }

        if (!Sets(connectionString, "Auto Prepare Min Usages"))
        {
            settings.AutoPrepareMinUsages = 2;
        }

        // Nothing of ours leaves session state on a pooled connection (settings are SET LOCAL, no temporary tables,
        // locks or LISTEN), so the reset Npgsql otherwise runs before a returned connection's next statement (five
        // statements once any is prepared) would only cost a request PostgreSQL's time.
        if (!Sets(connectionString, "No Reset On Close"))
        {
            settings.NoResetOnClose = true;
        }

        // Npgsql closes connections idle for 5 minutes (Connection Idle Lifetime) down to the minimum pool size. A new
        // PostgreSQL backend plans its first statements cold (20–30 ms each) and prepares them again, so the first
        // concurrent burst after every quiet spell waited up to ~0.8 s (wrk p99, against ~0.2 s with the connections kept;
        // docs/BENCHMARKS.md, session 15). A minimum keeps what a burst opened; Npgsql does not open connections to reach it.
        if (!Sets(connectionString, "Minimum Pool Size", "Min Pool Size"))
        {
            settings.MinPoolSize = Math.Min(KeptConnections, settings.MaxPoolSize);
        }

        if (statementTimeout is { } timeout)
        {
            var setting = string.Create(CultureInfo.InvariantCulture, $"-c statement_timeout={(long)timeout.TotalMilliseconds}");
            builder.ConnectionStringBuilder.Options = string.IsNullOrWhiteSpace(builder.ConnectionStringBuilder.Options)
                ? setting
                : $"{builder.ConnectionStringBuilder.Options} {setting}";
        }

        builder.UseNetTopologySuite();
        return builder;
    }
}

/// <summary>Where reads and where writes go; the same data source when there is one host. Disposing ends every pool.</summary>
internal sealed class PostGisDataSources(NpgsqlDataSource owner, NpgsqlDataSource reads, NpgsqlDataSource writes, bool readsFromPrimary) : IAsyncDisposable
{
    /// <summary>Whether reads only ever go to the primary (one host, or reads targeting it), never to a standby that may lag.</summary>
    public bool ReadsFromPrimary { get; } = readsFromPrimary;

    /// <summary>Feature queries, analyses and the readiness check: a standby is fine.</summary>
    public NpgsqlDataSource Reads { get; } = reads;

    /// <summary>Indicator actuals (written, then read back by the same clients): always the primary.</summary>
    public NpgsqlDataSource Writes { get; } = writes;

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
