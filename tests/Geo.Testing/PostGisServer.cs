using System.Diagnostics;
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

        var start = new ProcessStartInfo("bash", [RepoPaths.Script("postgis-start.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgis-start.sh failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result.Trim().Split('\n')[^1];
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
