using System.CommandLine;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Api.Cli;

/// <summary>
/// <c>import &lt;folder&gt;</c>: validates a gis-data folder, then replaces every PostGIS table in one transaction.
/// <c>import &lt;file&gt; --collection c</c>: appends one staff file to one collection (<see cref="FileImportVerb"/>).
/// </summary>
internal static class ImportVerb
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("path")
        {
            Description = "a gis-data folder (default: the nearest gis-data/ above the working directory); with --collection, a file (.zip/.shp, .gpkg, .geojson, .csv, 报盘 .txt)",
            DefaultValueFactory = _ => GisDataFolder.Find(Directory.GetCurrentDirectory()) ?? "gis-data",
        };
        var connection = CliOptions.Connection();
        var file = new FileImportOptions();
        var command = new Command("import", "load a gis-data folder into PostGIS, or one file into one collection (all or nothing)") { path, connection };
        file.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(path)!;
            if (file.Collection(parse) is { } collection)
            {
                var request = file.Read(parse);
                if (file.DataFolder(parse) is { } dataFolder)
                {
                    return await FileImportVerb.RunAsync(target, collection, request, p => FileImportTarget.Embedded(dataFolder, p), output, error, ct).ConfigureAwait(false);
                }

                var database = CliOptions.RequireConnection(parse.GetValue(connection));
                return await FileImportVerb.RunAsync(target, collection, request, p => FileImportTarget.PostGis(database, p), output, error, ct).ConfigureAwait(false);
            }

            var connectionString = CliOptions.RequireConnection(parse.GetValue(connection));

            await output.WriteLineAsync($"validating {Path.GetFullPath(target)}").ConfigureAwait(false);
            var data = CliOptions.LoadFolder(target, output);
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
