using Npgsql;

namespace Geo.Testing;

/// <summary>
/// The real PostGIS server the tests use: <c>GEO_TEST_PG</c> when the test script set it, otherwise the private cluster
/// that <c>scripts/postgis-start.sh</c> starts (and installs PostGIS for) on first use.
/// </summary>
public static class PostGisServer
{
    public const string Variable = "GEO_TEST_PG";

    private static readonly Lazy<string> Connection = new(Resolve);

    /// <summary>Connection string of the maintenance database; tests create their own databases from it.</summary>
    public static string ConnectionString => Connection.Value;

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        return Scripts.Run("postgis-start.sh").Trim().Split('\n')[^1];
    }

    public static NpgsqlConnectionStringBuilder Builder(string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (database is not null)
        {
            builder.Database = database;
        }

        return builder;
    }
}
