using System.Text.Json.Nodes;
using Geo.Api.Cli;

namespace Geo.Api.Tests.Cli;

/// <summary>
/// <c>import FILE --collection parcels</c> with files GDAL wrote from gis-data/parcels.geojson, checked with SQL
/// against the parcels the folder import loaded from the same GeoJSON (the original rows are the expected values).
/// </summary>
public sealed class FileImportTests : IAsyncLifetime, IDisposable
{
    private const string Originals = "id <= 94";
    private const string Imported = "id > 94";

    /// <summary>Properties a 三调 parcel file does not carry, said by the person importing it.</summary>
    private static readonly string[] Honesty =
        ["--set", "source=test file written by ogr2ogr from gis-data/parcels.geojson", "--set", "location_precision=schematic", "--set", "illustrative=true"];

    private readonly TestDatabase _database = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("file-import-");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var (exit, _, error) = await RunAsync("import", RepoPaths.GisData, "--connection", _database.ConnectionString);
        Assert.True(exit == 0, error);
        Assert.Equal(94L, await _database.ScalarAsync<long>("SELECT count(*) FROM parcels"));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_GBK_shapefile_in_EPSG_4545_appends_every_parcel_with_its_area_and_Chinese_text()
    {
        var shp = Path.Combine(_folder.FullName, "三调地块.shp");
        await Gdal.RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4545", "-lco", "ENCODING=CP936",
            "-select", "land_use_code,land_use,area_m2,township_code,zone_id", shp, Path.Combine(RepoPaths.GisData, "parcels.geojson"));
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        Assert.Contains("城镇住宅用地", System.Text.Encoding.GetEncoding(936).GetString(await File.ReadAllBytesAsync(Path.ChangeExtension(shp, ".dbf"))), StringComparison.Ordinal);

        // DBF names stop at 10 characters: land_use_code arrives as land_use_c, township_code as township_c.
        var (exit, output, error) = await RunAsync(
            ["import", shp, "--collection", "parcels", "--connection", _database.ConnectionString,
             "--map", "land_use_c=land_use_code", "--map", "township_c=township_code", .. Honesty]);

        Assert.True(exit == 0, error);
        Assert.Contains("read 94, valid 94, repaired 0, refused 0", output, StringComparison.Ordinal);
        Assert.Contains("written: 94 rows into parcels (ids 95–188)", output, StringComparison.Ordinal);
        Assert.Contains("reading ", error, StringComparison.Ordinal);
        await AssertSameParcelsAsync();
        Assert.Equal(1L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'import' AND collection = 'parcels' AND target = '三调地块.shp' AND (detail->>'written')::int = 94"));
    }

    [Fact]
    public async Task A_shapefile_has_its_bow_tie_repaired_and_reported_not_the_whole_file_refused()
    {
        var geojson = await WriteParcelsWithABowTieAsync();
        var shp = Path.Combine(_folder.FullName, "蝴蝶结.shp");
        await Gdal.RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936",
            "-select", "land_use_code,land_use,area_m2,township_code,zone_id", shp, geojson);

        var (exit, output, error) = await RunAsync(
            ["import", shp, "--collection", "parcels", "--connection", _database.ConnectionString,
             "--map", "land_use_c=land_use_code", "--map", "township_c=township_code", .. Honesty]);

        Assert.True(exit == 0, error);
        Assert.Contains("read 94, valid 94, repaired 1, refused 0", output, StringComparison.Ordinal);
        Assert.Contains("repaired: row 1: Self-intersection", output, StringComparison.Ordinal);
        Assert.Equal(94L, await _database.ScalarAsync<long>($"SELECT count(*) FROM parcels WHERE {Imported} AND ST_IsValid(geom)"));
        // The same bow tie made in SQL from the original parcel 1 (vertices 1 and 2 swapped) and repaired by PostGIS: same area.
        Assert.Equal(1L, await _database.ScalarAsync<long>(
            """
            WITH o AS (SELECT ST_ExteriorRing(ST_GeometryN(geom, 1)) r FROM parcels WHERE id = 1 AND ST_NumInteriorRings(ST_GeometryN(geom, 1)) = 0),
                 t AS (SELECT ST_MakePolygon(ST_SetPoint(ST_SetPoint(r, 1, ST_PointN(r, 3)), 2, ST_PointN(r, 2))) g FROM o)
            SELECT count(*) FROM parcels n, t WHERE n.id = 95 AND NOT ST_IsValid(t.g)
              AND abs(ST_Area(ST_Transform(n.geom, 4545)) - ST_Area(ST_Transform(ST_MakeValid(t.g), 4545))) < 0.01
            """));
    }

    [Fact]
    public async Task A_CSV_with_WKT_has_its_bow_tie_repaired_and_reported()
    {
        var geojson = await WriteParcelsWithABowTieAsync();
        var csv = Path.Combine(_folder.FullName, "parcels.csv");
        await Gdal.RunAsync("ogr2ogr", "-f", "CSV", "-t_srs", "EPSG:4545", "-lco", "GEOMETRY=AS_WKT",
            "-select", "land_use_code,land_use,area_m2,township_code,zone_id", csv, geojson);

        var (exit, output, error) = await RunAsync(
            ["import", csv, "--collection", "parcels", "--crs", "EPSG:4545", "--connection", _database.ConnectionString, .. Honesty]);

        Assert.True(exit == 0, error);
        Assert.Contains("read 94, valid 94, repaired 1, refused 0", output, StringComparison.Ordinal);
        Assert.Contains("repaired: row 1: Self-intersection", output, StringComparison.Ordinal);
        Assert.Equal(94L, await _database.ScalarAsync<long>($"SELECT count(*) FROM parcels WHERE {Imported} AND ST_IsValid(geom)"));
        Assert.Equal(93L, await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM parcels o JOIN parcels n ON n.id = o.id + 94 WHERE o.{Originals} AND abs(ST_Area(ST_Transform(o.geom, 4545)) - ST_Area(ST_Transform(n.geom, 4545))) < 0.01"));
    }

    [Fact]
    public async Task A_GeoPackage_that_PostGIS_refuses_at_its_last_feature_leaves_the_table_as_it_was()
    {
        // area_m2 = 0 passes the catalog's type check but not the table's CHECK (area_m2 > 0): COPY fails on the last row.
        var geojson = await WriteParcelsAsync(features => features[^1]!["properties"]!["area_m2"] = 0);
        var gpkg = Path.Combine(_folder.FullName, "parcels.gpkg");
        await Gdal.RunAsync("ogr2ogr", "-f", "GPKG", gpkg, geojson);
        var before = await DigestAsync();

        var (exit, _, error) = await RunAsync("import", gpkg, "--collection", "parcels", "--connection", _database.ConnectionString);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("parcels.gpkg: database: rejected by PostGIS", line, StringComparison.Ordinal);
        Assert.Contains("nothing was written", line, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'import'"));
    }

    [Fact]
    public async Task Refused_rows_are_listed_and_nothing_is_written()
    {
        var gpkg = Path.Combine(_folder.FullName, "parcels.gpkg");
        await Gdal.RunAsync("ogr2ogr", "-f", "GPKG", gpkg, Path.Combine(RepoPaths.GisData, "parcels.geojson"));
        var before = await DigestAsync();

        var (exit, output, error) = await RunAsync(
            "import", gpkg, "--collection", "parcels", "--set", "location_precision=exact", "--connection", _database.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("refused: row 1: field 'location_precision': property 'location_precision' has unknown value 'exact'", output, StringComparison.Ordinal);
        Assert.Contains("read 94, valid 0, repaired 0, refused 94", output, StringComparison.Ordinal);
        Assert.Contains("error: parcels.gpkg: 94 of 94 rows refused", error, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task A_shapefile_whose_last_row_is_refused_after_93_rows_were_sent_leaves_the_table_and_the_audit_trail_as_they_were()
    {
        // The rows go to PostGIS as the file is read: the 94th, moved 5° east (out of 开州区), comes after 93 were sent.
        var edited = await WriteParcelsAsync(features =>
        {
            foreach (var ring in features[^1]!["geometry"]!["coordinates"]!.AsArray().SelectMany(p => p!.AsArray()))
            {
                foreach (var point in ring!.AsArray())
                {
                    point![0] = point[0]!.GetValue<double>() + 5;
                }
            }
        });
        var shp = Path.Combine(_folder.FullName, "moved.shp");
        await Gdal.RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-select", "land_use_code,land_use,area_m2,township_code,zone_id", shp, edited);
        var before = await DigestAsync();

        var (exit, output, error) = await RunAsync(
            ["import", shp, "--collection", "parcels", "--connection", _database.ConnectionString,
             "--map", "land_use_c=land_use_code", "--map", "township_c=township_code", .. Honesty]);

        Assert.Equal(1, exit);
        Assert.Contains("refused: row 94: field 'geometry': no part of it is inside 开州区", output, StringComparison.Ordinal);
        Assert.Contains("read 94, valid 93, repaired 0, refused 1", output, StringComparison.Ordinal);
        Assert.Contains("writing as it reads", error, StringComparison.Ordinal);
        Assert.Contains("error: moved.shp: 1 of 94 rows refused", error, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'import'"));
    }

    [Fact]
    public async Task A_dry_run_reports_and_writes_nothing()
    {
        var gpkg = Path.Combine(_folder.FullName, "parcels.gpkg");
        await Gdal.RunAsync("ogr2ogr", "-f", "GPKG", gpkg, Path.Combine(RepoPaths.GisData, "parcels.geojson"));
        var before = await DigestAsync();

        var (exit, output, _) = await RunAsync("import", gpkg, "--collection", "parcels", "--dry-run", "--connection", _database.ConnectionString);

        Assert.Equal(0, exit);
        Assert.Contains("dry run: 94 rows would be written to parcels; nothing was written", output, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task A_long_file_reports_progress_on_stderr_and_lands_whole()
    {
        // 25,000 schools on a grid around the town centre, as lon/lat columns (read as CGCS2000 degrees).
        var csv = Path.Combine(_folder.FullName, "schools.csv");
        var lines = new List<string> { "lon,lat,kind,name,planned" };
        lines.AddRange(Enumerable.Range(0, 25_000).Select(i =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{108.30 + i % 250 * 0.0008},{31.10 + i / 250 * 0.0008},school,学校{i},false")));
        await File.WriteAllLinesAsync(csv, lines);
        var before = await _database.ScalarAsync<long>("SELECT count(*) FROM facilities");

        var (exit, output, error) = await RunAsync(
            ["import", csv, "--collection", "facilities", "--connection", _database.ConnectionString, .. Honesty]);

        Assert.True(exit == 0, error);
        Assert.Contains("facilities: 10,000 of 25,000 rows sent", error, StringComparison.Ordinal);
        Assert.Contains("facilities: 20,000 of 25,000 rows sent", error, StringComparison.Ordinal);
        Assert.DoesNotContain("rows sent", output, StringComparison.Ordinal);
        Assert.Equal(25_000L, await _database.ScalarAsync<long>("SELECT count(*) FROM facilities") - before);
        Assert.Equal(1L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM facilities WHERE name = '学校24999' AND abs(ST_X(geom) - 108.4992) < 1e-7 AND abs(ST_Y(geom) - 31.1792) < 1e-7"));
    }

    [Theory]
    [InlineData("--collection", "policies", "no such collection with geometry")]
    [InlineData("--map", "nosuch=land_use", "the file has no field 'nosuch'")]
    [InlineData("--map", "land_use=nosuch", "'nosuch' is not a property of parcels")]
    [InlineData("--crs", "EPSG:2383", "EPSG:2383")]
    public async Task Bad_options_give_one_line_and_write_nothing(string option, string value, string expected)
    {
        var gpkg = Path.Combine(_folder.FullName, "parcels.gpkg");
        await Gdal.RunAsync("ogr2ogr", "-f", "GPKG", gpkg, Path.Combine(RepoPaths.GisData, "parcels.geojson"));
        var before = await DigestAsync();
        string[] args = option == "--collection"
            ? ["import", gpkg, option, value, "--connection", _database.ConnectionString]
            : ["import", gpkg, "--collection", "parcels", option, value, "--connection", _database.ConnectionString];

        var (exit, _, error) = await RunAsync(args);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>gis-data/parcels.geojson with an edit, for GDAL to convert.</summary>
    /// <summary>gis-data's parcels with parcel 1's vertices 1 and 2 swapped, so that its ring crosses itself (a bow tie).</summary>
    private Task<string> WriteParcelsWithABowTieAsync() => WriteParcelsAsync(features =>
    {
        var ring = features[0]!["geometry"]!["coordinates"]![0]![0]!.AsArray();
        (ring[1], ring[2]) = (ring[2]!.DeepClone(), ring[1]!.DeepClone());
    });

    private async Task<string> WriteParcelsAsync(Action<JsonArray> edit)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.GisData, "parcels.geojson")))!;
        edit(document["features"]!.AsArray());
        var path = Path.Combine(_folder.FullName, "edited.geojson");
        await File.WriteAllTextAsync(path, document.ToJsonString());
        return path;
    }

    private Task<string> DigestAsync() => _database.ScalarAsync<string>(
        "SELECT count(*) || ':' || md5(coalesce(string_agg(p::text, '|' ORDER BY id), '')) FROM parcels p");

    /// <summary>Row for row (the file keeps GeoJSON order), the imported parcel equals the original: text, figures, area in 4545.</summary>
    private async Task AssertSameParcelsAsync()
    {
        Assert.Equal(94L, await _database.ScalarAsync<long>($"SELECT count(*) FROM parcels WHERE {Imported}"));
        Assert.Equal(94L, await _database.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM parcels o JOIN parcels n ON n.id = o.id + 94
            WHERE o.{Originals} AND n.land_use = o.land_use AND n.land_use_code = o.land_use_code AND n.township_code = o.township_code
              AND n.zone_id IS NOT DISTINCT FROM o.zone_id AND abs(n.area_m2 - o.area_m2) < 0.01
              AND abs(ST_Area(ST_Transform(n.geom, 4545)) - ST_Area(ST_Transform(o.geom, 4545))) < 0.01
              AND ST_HausdorffDistance(ST_Transform(n.geom, 4545), ST_Transform(o.geom, 4545)) < 0.01
            """));
    }
}
