using System.Security.Cryptography;
using Geo.Api.Cli;
using Geo.Api.GisData;
using Geo.Core.GisData;
using Geo.Core.Stores.InMemory;
using NetTopologySuite.Geometries;

namespace Geo.Api.Tests.Cli;

/// <summary>
/// <c>generate-parcels</c> into PostGIS and into a copy of gis-data, checked with hand-written SQL (areas, union,
/// overlaps, nearest seats measured by PostGIS) and by loading the folder into the embedded store.
/// </summary>
public sealed class GenerateParcelsTests : IAsyncLifetime, IDisposable
{
    private const int Count = 1500;
    private const string Seed = "7";

    private readonly TestDatabase _database = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("generate-parcels-");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var (exit, _, error) = await RunAsync("import", RepoPaths.GisData, "--connection", _database.ConnectionString);
        Assert.True(exit == 0, error);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.GisData))
        {
            File.Copy(file, Path.Combine(_folder.FullName, Path.GetFileName(file)));
        }
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Parcels_tile_the_district_with_no_gap_and_no_overlap()
    {
        await GenerateIntoPostGisAsync(Seed);

        Assert.Equal((long)Count, await _database.ScalarAsync<long>("SELECT count(*) FROM parcels"));
        Assert.Equal("", await _database.ScalarAsync<string>(
            "SELECT coalesce(string_agg(a.id || '/' || b.id || ' ' || ST_Relate(a.geom, b.geom) || ' ' || ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), 4545)), '; '), '') FROM parcels a JOIN parcels b ON a.id < b.id AND a.geom && b.geom AND (ST_Overlaps(a.geom, b.geom) OR ST_Relate(a.geom, b.geom, '2********'))"));
        var district = await _database.ScalarAsync<double>("SELECT ST_Area(ST_Transform(geom, 4545)) FROM district");
        var union = await _database.ScalarAsync<double>("SELECT ST_Area(ST_Transform(ST_Union(geom), 4545)) FROM parcels");
        var sum = await _database.ScalarAsync<double>("SELECT sum(ST_Area(ST_Transform(geom, 4545))) FROM parcels");
        // The outline is cut at 7 decimals (~1 cm) and slivers under 1 m² are left out: a few m² over 3,961 km².
        Assert.InRange(sum / district, 1 - 1e-6, 1 + 1e-6);
        Assert.InRange(union / sum, 1 - 1e-7, 1 + 1e-7);
        // area_m2 is rounded to 2 decimals; ProjNET and PROJ differ by ~1e-7 m along an edge, allowed as 1e-9 of the area.
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM parcels WHERE abs(area_m2 - ST_Area(ST_Transform(geom, 4545))) > 0.005 + 1e-9 * area_m2 OR NOT ST_IsValid(geom)"));
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM parcels p WHERE NOT ST_CoveredBy(p.geom, (SELECT ST_Buffer(geom, 1e-6) FROM district))"));
    }

    [Fact]
    public async Task Every_parcel_has_a_catalog_class_a_nearby_township_and_says_it_is_generated()
    {
        await GenerateIntoPostGisAsync(Seed);

        var classes = new Dictionary<string, (string Name, long Parcels)>();
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT land_use_code, land_use, count(*) FROM parcels GROUP BY 1, 2", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                classes.Add(reader.GetString(0), (reader.GetString(1), reader.GetInt64(2)));
            }
        }

        Assert.All(classes, c => Assert.Equal(Catalog.LandUses.Find(c.Key)?.TitleZh, c.Value.Name));
        Assert.True(classes.Count >= 12, $"only {classes.Count} classes: {string.Join(", ", classes.Keys)}");
        Assert.True(classes.GetValueOrDefault("0301").Parcels + classes.GetValueOrDefault("0305").Parcels > classes.GetValueOrDefault("05H1").Parcels * 3,
            "forest should outnumber commercial land in a hilly county");
        Assert.Equal((long)Count, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM parcels WHERE location_precision = 'schematic' AND illustrative AND zone_id IS NULL AND source LIKE 'generate-parcels --count 1500 --seed 7:%not land-use data'"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM parcels p WHERE NOT EXISTS (SELECT 1 FROM townships t WHERE t.code = p.township_code)"));
        // Named after the nearest seat of the parcel's grid cell; PostGIS measures from the parcel's own centroid, which for
        // a parcel cut by the outline or a joined pair may sit nearer another seat.
        var nearest = await _database.ScalarAsync<long>(
            """
            SELECT count(*) FROM parcels p
            WHERE p.township_code = (SELECT t.code FROM townships t ORDER BY ST_Distance(ST_Transform(t.geom, 4545), ST_Transform(ST_Centroid(p.geom), 4545)) LIMIT 1)
            """);
        Assert.True(nearest >= Count * 0.97, $"{nearest} of {Count} parcels are named after the seat nearest their centroid");
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_parcels_in_both_outputs_and_another_seed_others()
    {
        await GenerateIntoFolderAsync(Seed);
        var first = await FileDigestAsync();
        await GenerateIntoFolderAsync(Seed);
        Assert.Equal(first, await FileDigestAsync());
        await GenerateIntoFolderAsync("8");
        Assert.NotEqual(first, await FileDigestAsync());

        await GenerateIntoFolderAsync(Seed);
        await GenerateIntoPostGisAsync(Seed);
        var fromFolder = GisDataFolder.Load(_folder.FullName)[Catalog.Parcels].ToDictionary(f => f.Id);
        var rows = 0;
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, ST_AsBinary(geom), land_use_code, area_m2, township_code FROM parcels", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows++;
            var parcel = fromFolder[reader.GetInt64(0)];
            var geometry = new NetTopologySuite.IO.WKBReader().Read(reader.GetFieldValue<byte[]>(1));
            Assert.True(geometry.EqualsExact(parcel.Geometry), $"parcel {parcel.Id}: {geometry} in PostGIS, {parcel.Geometry} in the folder");
            Assert.Equal((parcel["land_use_code"], parcel["area_m2"], parcel["township_code"]), (reader.GetString(2), reader.GetDouble(3), reader.GetString(4)));
        }

        Assert.Equal(Count, rows);
    }

    [Fact]
    public async Task The_folder_loads_into_the_embedded_store_with_the_other_layers_unchanged()
    {
        await GenerateIntoFolderAsync(Seed);

        var data = GisDataFolder.Load(_folder.FullName);
        var original = GisDataFolder.Load(RepoPaths.GisData);
        Assert.Equal(Count, data[Catalog.Parcels].Count);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), data[Catalog.Parcels].Select(f => f.Id));
        Assert.All(Catalog.All.Where(c => c != Catalog.Parcels), c => Assert.Equal(original[c].Count, data[c].Count));
        Assert.All(data[Catalog.Parcels], f => Assert.NotNull(Catalog.LandUses.Find((string)f["land_use_code"]!)));

        // A box around 汉丰街道: the embedded store finds the parcels PostGIS finds there from the same seed.
        var store = new InMemoryFeatureStore(data);
        var box = new Envelope(108.38, 108.44, 31.14, 31.19);
        var embedded = await store.CountAsync(new FeatureQuery(Catalog.Parcels) { Bbox = box }, CancellationToken.None);
        await GenerateIntoPostGisAsync(Seed);
        Assert.Equal(await _database.ScalarAsync<long>("SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_MakeEnvelope(108.38, 31.14, 108.44, 31.19, 4490))"), embedded);
        Assert.InRange(embedded, 5, Count);
    }

    [Fact]
    public async Task A_write_PostGIS_refuses_leaves_the_parcels_as_they_were()
    {
        var before = await _database.ScalarAsync<string>("SELECT count(*) || ':' || md5(string_agg(p::text, '|' ORDER BY id)) FROM parcels p");
        await _database.ScalarAsync<int>("ALTER TABLE parcels ADD CONSTRAINT test_no_forest CHECK (land_use_code <> '0301') NOT VALID; SELECT 1");

        var (exit, _, error) = await RunAsync("generate-parcels", "--count", "1500", "--connection", _database.ConnectionString);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("parcels: rejected by PostGIS", line, StringComparison.Ordinal);
        Assert.Contains("test_no_forest", line, StringComparison.Ordinal);
        Assert.EndsWith("nothing was written", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(before, await _database.ScalarAsync<string>("SELECT count(*) || ':' || md5(string_agg(p::text, '|' ORDER BY id)) FROM parcels p"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'parcels_geom_idx'"));
    }

    [Theory]
    [InlineData("--count 10 --data FOLDER", "--count 10 is out of range")]
    [InlineData("--count 1500 --data /nonexistent/gis-data", "/nonexistent/gis-data: no such folder")]
    [InlineData("--count many --data FOLDER", "many")]
    [InlineData("--data FOLDER", "--count")]
    public async Task Bad_arguments_get_one_line_and_write_nothing(string arguments, string expected)
    {
        var before = FileDigest();
        var (exit, _, error) = await RunAsync(["generate-parcels", .. arguments.Replace("FOLDER", _folder.FullName, StringComparison.Ordinal).Split(' ')]);

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(before, FileDigest());
    }

    private async Task GenerateIntoPostGisAsync(string seed)
    {
        var (exit, output, error) = await RunAsync("generate-parcels", "--count", Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed, "--connection", _database.ConnectionString);
        Assert.True(exit == 0, error);
        Assert.Contains($"written: {Count} parcels into parcels in one transaction", output, StringComparison.Ordinal);
        Assert.Contains("100% 1,500 of 1,500 parcels sent", error, StringComparison.Ordinal);
    }

    private async Task GenerateIntoFolderAsync(string seed)
    {
        var (exit, output, error) = await RunAsync("generate-parcels", "--count", Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed, "--data", _folder.FullName);
        Assert.True(exit == 0, error);
        Assert.Contains($"written: {Count} parcels to ", output, StringComparison.Ordinal);
    }

    private Task<string> FileDigestAsync() => Task.FromResult(FileDigest());

    private string FileDigest() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(_folder.FullName, "parcels.geojson"))));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
