using System.CommandLine;
using System.Diagnostics;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.GisData;
using Geo.Core.GisData;
using Geo.Core.Synthetic;

namespace Geo.Api.Cli;

/// <summary>
/// <c>generate-parcels --count N [--seed S] (--data FOLDER | --connection …)</c>: replaces the parcels with N synthetic
/// ones tiling the district (<see cref="ParcelGenerator"/>), in a gis-data folder's parcels.geojson or in PostGIS, whole
/// or not at all, for benchmarks and tests at a county's or a city's scale.
/// </summary>
internal static class GenerateParcelsVerb
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var count = new Option<int>("--count", "-n")
        {
            Description = $"how many parcels ({ParcelGenerator.MinCount:N0}–{ParcelGenerator.MaxCount:N0})",
            Required = true,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "the same seed and count give the same parcels (default 1)",
            DefaultValueFactory = _ => 1,
        };
        var data = new Option<string?>("--data")
        {
            Description = "a gis-data folder: its parcels.geojson is replaced, over its district.geojson and townships.geojson (default: PostGIS)",
        };
        var connection = CliOptions.Connection();
        var command = new Command("generate-parcels", "replace the parcels with N generated ones tiling the district (illustrative, for benchmarks and tests)")
        {
            count, seed, data, connection,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            if (n is < ParcelGenerator.MinCount or > ParcelGenerator.MaxCount)
            {
                throw new CliException($"--count {n} is out of range; give {ParcelGenerator.MinCount:N0}–{ParcelGenerator.MaxCount:N0}");
            }

            var progress = new LineProgress(error);
            var clock = Stopwatch.StartNew();
            if (parse.GetValue(data) is { } folder)
            {
                if (!Directory.Exists(folder))
                {
                    throw new CliException($"{folder}: no such folder; --data takes a gis-data folder");
                }

                var (district, seats) = ReadFolder(folder);
                var generator = Plan(district, seats, n, parse.GetValue(seed), progress);
                var bar = new ProgressBar(error, "parcels written", n);
                await GeoJsonCollectionWriter.WriteAsync(folder, Catalog.Parcels, generator.Generate(bar), ct).ConfigureAwait(false);
                await output.WriteLineAsync($"written: {n} parcels to {Path.GetFullPath(Path.Combine(folder, Catalog.Parcels.FileName))} in {clock.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
                return 0;
            }

            var database = CliOptions.RequireConnection(parse.GetValue(connection));
            return await CliOptions.WithDatabaseAsync(async () =>
            {
                SchemaMigrator.Migrate(database, progress);
                await using var dataSource = PostGisDataSource.Create(database);
                var (district, seats) = await GeneratedParcelsTarget.ReadSurroundingsAsync(dataSource, ct).ConfigureAwait(false);
                var generator = Plan(district, seats, n, parse.GetValue(seed), progress);
                var bar = new ProgressBar(error, "parcels sent", n);
                await GeneratedParcelsTarget.ReplaceAsync(dataSource, generator.Generate(bar), progress, ct).ConfigureAwait(false);
                await output.WriteLineAsync($"written: {n} parcels into {Catalog.Parcels.TableName} in one transaction in {clock.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static (NetTopologySuite.Geometries.Geometry District, IReadOnlyList<TownshipSeat> Seats) ReadFolder(string folder)
    {
        try
        {
            return ParcelSurroundings.Read(folder);
        }
        catch (DataValidationException e)
        {
            throw new CliException($"{e.Errors[0]}; nothing was written", e);
        }
    }

    private static ParcelGenerator Plan(NetTopologySuite.Geometries.Geometry district, IReadOnlyList<TownshipSeat> seats, int count, long seed, IProgress<string> progress)
    {
        progress.Report($"laying a grid of about {count:N0} cells over the district (seed {seed})");
        var generator = new ParcelGenerator(district, seats, count, seed);
        progress.Report($"grid ready: {generator.Columns:N0} × {generator.Rows:N0} cells of about {generator.CellMetres:0} m, {generator.CutCells:N0} cut by the outline, {generator.JoinedPairs:N0} pairs joined");
        return generator;
    }
}
