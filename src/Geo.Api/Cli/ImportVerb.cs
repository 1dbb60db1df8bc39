using System.CommandLine;
using Geo.Api.Backends.PostGis.Internal;

namespace Geo.Api.Cli;

/// <summary><c>import &lt;folder&gt;</c>: validates a gis-data folder, then replaces every PostGIS table in one transaction.</summary>
internal static class ImportVerb
{
    public static Command Create(TextWriter output)
    {
        var folder = CliOptions.Folder();
        var connection = CliOptions.Connection();
        var command = new Command("import", "load a gis-data folder into PostGIS (all or nothing)") { folder, connection };
        command.SetAction(async (parse, ct) =>
        {
            var connectionString = CliOptions.RequireConnection(parse.GetValue(connection));
            var path = parse.GetValue(folder)!;
            await output.WriteLineAsync($"validating {Path.GetFullPath(path)}").ConfigureAwait(false);
            var data = CliOptions.LoadFolder(path, output);
            await output.WriteLineAsync("importing in one transaction").ConfigureAwait(false);
            var counts = await CliOptions.WithDatabaseAsync(async () =>
            {
                SchemaMigrator.Migrate(connectionString, new LineProgress(output));
                await using var dataSource = PostGisDataSource.Create(connectionString);
                return await PostGisImporter.ImportAsync(dataSource, data, new LineProgress(output), ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await output.WriteLineAsync($"imported {counts.Values.Sum()} rows into {counts.Count} tables").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
