using System.CommandLine;
using Geo.Api.Backends.PostGis.Internal;

namespace Geo.Api.Cli;

/// <summary><c>migrate</c>: brings the PostGIS schema up to the newest migration.</summary>
internal static class MigrateVerb
{
    public static Command Create(TextWriter output)
    {
        var connection = CliOptions.Connection();
        var command = new Command("migrate", "apply the PostGIS schema migrations that have not run yet") { connection };
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = CliOptions.RequireConnection(parse.GetValue(connection));
            var applied = await CliOptions.WithDatabaseAsync(() => Task.Run(() => SchemaMigrator.Migrate(connectionString, new LineProgress(output)), ct)).ConfigureAwait(false);
            await output.WriteLineAsync(applied.Count == 0 ? "schema is up to date" : $"applied {applied.Count} migration(s)").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
