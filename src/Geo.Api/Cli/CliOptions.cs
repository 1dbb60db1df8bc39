using System.CommandLine;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.GisData;
using Geo.Core.GisData;
using Npgsql;

namespace Geo.Api.Cli;

/// <summary>Options shared by the verbs, and the checks that turn their values into clear one-line errors.</summary>
internal static class CliOptions
{
    public const string ConnectionVariable = "ConnectionStrings__Geo";

    public static Option<string?> Connection() => new("--connection", "-c")
    {
        Description = $"PostgreSQL connection string (default: the {ConnectionVariable} environment variable)",
    };

    public static Argument<string> Folder() => new("folder")
    {
        Description = "the gis-data folder (default: the nearest gis-data/ above the working directory)",
        DefaultValueFactory = _ => GisDataFolder.Find(Directory.GetCurrentDirectory()) ?? "gis-data",
    };

    public static string RequireConnection(string? option)
    {
        var value = option ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CliException($"no database: pass --connection or set {ConnectionVariable} (scripts/postgis-start.sh prints one)");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"the connection string is malformed: {e.Message}", e);
        }

        return value;
    }

    public static GisDataSet LoadFolder(string folder, TextWriter output)
    {
        try
        {
            return GisDataFolder.Load(folder, new LineProgress(output));
        }
        catch (DataValidationException e)
        {
            foreach (var dataError in e.Errors.Skip(1).Take(19))
            {
                output.WriteLine($"  rejected: {dataError}");
            }

            var more = e.Errors.Count > 1 ? $" (and {e.Errors.Count - 1} more, listed above)" : "";
            throw new CliException($"{e.Errors[0]}{more}; nothing was written", e);
        }
    }

    /// <summary>Database failures (server down, wrong password) become one line instead of a stack trace.</summary>
    public static async Task<T> WithDatabaseAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new CliException($"database error: {e.Message}", e);
        }
        catch (MigrationException e)
        {
            throw new CliException(e.Message, e);
        }
        catch (DataValidationException e)
        {
            throw new CliException($"{e.Errors[0]}; nothing was written", e);
        }
    }
}
