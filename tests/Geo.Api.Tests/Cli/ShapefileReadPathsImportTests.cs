using System.Globalization;
using System.Text.Json.Nodes;
using Geo.Api.Cli;
using Geo.Api.Formats;
using Geo.Core.Imports;

namespace Geo.Api.Tests.Cli;

/// <summary>
/// gis-data/parcels.geojson with a multipart and a holed parcel, written by GDAL as a GBK shapefile, imported into
/// PostGIS twice by the CLI's one-pass import: once with the plain one-ring records read straight from the .shp
/// (<c>ShpPolygonRecords</c>), once with every record read by NetTopologySuite.IO.Esri. Both imports are compared with
/// SQL against each other and against GDAL's own <c>ogr2ogr -f PostgreSQL</c> of the same file.
/// </summary>
public sealed class ShapefileReadPathsImportTests : IAsyncLifetime, IDisposable
{
    private const int Parcels = 94;

    private readonly TestDatabase _database = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("shp-paths-");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(await CliApp.RunAsync(["import", RepoPaths.GisData, "--connection", _database.ConnectionString], output, error, CancellationToken.None) == 0, error.ToString());
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Both_read_paths_import_rows_equal_to_each_other_and_to_GDAL_s()
    {
        var shp = await ShapefileAsync();
        await ImportAsync(shp, byLibrary: false);
        await ImportAsync(shp, byLibrary: true);
        var pg = $"PG:host={Builder.Host} port={Builder.Port} user={Builder.Username} dbname={_database.Name}" + (Builder.Password is { } password ? $" password={password}" : "");
        await Gdal.RunAsync("ogr2ogr", "-f", "PostgreSQL", pg, shp, "-nln", "parcels_gdal", "-nlt", "PROMOTE_TO_MULTI", "-lco", "GEOMETRY_NAME=geom");

        // Direct (ids 95–188), library (189–282) and GDAL (ogc_fid 1–94) in file order: same shape, text and area.
        Assert.Equal((long)Parcels, await _database.ScalarAsync<long>(
            $"""
            SELECT count(*) FROM parcels d JOIN parcels l ON l.id = d.id + {Parcels} JOIN parcels_gdal g ON g.ogc_fid = d.id - {Parcels}
            WHERE d.id BETWEEN {Parcels + 1} AND {2 * Parcels}
              AND ST_AsText(d.geom) = ST_AsText(l.geom) AND ST_Equals(d.geom, l.geom) AND ST_Area(d.geom) = ST_Area(l.geom)
              AND ST_Equals(d.geom, ST_SetSRID(g.geom, 4490)) AND abs(ST_Area(d.geom) - ST_Area(g.geom)) < 1e-15
              AND d.land_use = l.land_use AND d.land_use = g.land_use AND d.land_use_code = g.land_use_c
              AND d.township_code = g.township_c AND d.area_m2 = l.area_m2 AND abs(d.area_m2 - g.area_m2) < 1e-6
            """));
        // The edits arrived: the first parcel in two parts, the second with a hole, both ways.
        Assert.Equal("2 2 1 1", await _database.ScalarAsync<string>(
            $"""
            SELECT string_agg(n::text, ' ' ORDER BY k) FROM (
              SELECT 1 k, ST_NumGeometries(geom) n FROM parcels WHERE id = {Parcels + 1}
              UNION ALL SELECT 2, ST_NumGeometries(geom) FROM parcels WHERE id = {2 * Parcels + 1}
              UNION ALL SELECT 3, ST_NumInteriorRings(ST_GeometryN(geom, 1)) FROM parcels WHERE id = {Parcels + 2}
              UNION ALL SELECT 4, ST_NumInteriorRings(ST_GeometryN(geom, 1)) FROM parcels WHERE id = {2 * Parcels + 2}) t
            """));
    }

    private NpgsqlConnectionStringBuilder Builder => new(_database.ConnectionString);

    private async Task ImportAsync(string shp, bool byLibrary)
    {
        var collection = Catalog.Find("parcels")!;
        var request = new FileImportRequest(null, null, null,
            new Dictionary<string, string> { ["land_use_c"] = "land_use_code", ["township_c"] = "township_code" },
            new Dictionary<string, string> { ["source"] = "test file written by ogr2ogr", ["location_precision"] = "schematic", ["illustrative"] = "true" },
            DryRun: false);
        await using var target = FileImportTarget.PostGis(_database.ConnectionString, new Progress<string>());
        var (_, plan, ids) = await FileImport.StreamAsync(
            shp, collection, request, target.Store, FileReading.AllFormats with { ShapefileByLibrary = byLibrary },
            (IStreamingCollectionImporter)target.Importer, target.User, "test", null, null, CancellationToken.None);
        Assert.Equal(Parcels, plan.Valid);
        Assert.NotNull(ids);
    }

    /// <summary>The 94 parcels with the first given a second part west of it and the second replaced by a square with a hole, as a GBK shapefile.</summary>
    private async Task<string> ShapefileAsync()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.GisData, "parcels.geojson")))!;
        var features = document["features"]!.AsArray();
        var first = features[0]!["geometry"]!;
        var rings = first["type"]!.GetValue<string>() == "Polygon" ? first["coordinates"]!.AsArray() : first["coordinates"]![0]!.AsArray();
        var west = rings[0]!.AsArray().Min(p => p![0]!.GetValue<double>());
        var south = rings[0]!.AsArray().Min(p => p![1]!.GetValue<double>());
        first.ReplaceWith(Geometry("MultiPolygon", $"[{rings.ToJsonString()},[{Square(west - 0.0006, south, 0.0003)}]]"));
        var second = features[1]!["geometry"]!;
        var corner = (second["type"]!.GetValue<string>() == "Polygon" ? second["coordinates"]![0]![0]! : second["coordinates"]![0]![0]![0]!).AsArray();
        var (x, y) = (corner[0]!.GetValue<double>(), corner[1]!.GetValue<double>());
        second.ReplaceWith(Geometry("Polygon", $"[{Square(x, y, 0.001)},{Square(x + 0.00025, y + 0.00025, 0.0005)}]"));
        var geojson = Path.Combine(_folder.FullName, "edited.geojson");
        await File.WriteAllTextAsync(geojson, document.ToJsonString());
        var shp = Path.Combine(_folder.FullName, "地块.shp");
        await Gdal.RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936",
            "-select", "land_use_code,land_use,area_m2,township_code", shp, geojson);
        return shp;
    }

    private static JsonNode Geometry(string type, string coordinates) =>
        JsonNode.Parse($$$"""{"type":"{{{type}}}","coordinates":{{{coordinates}}}}""")!;

    private static string Square(double west, double south, double size) => string.Create(CultureInfo.InvariantCulture,
        $"[[{west},{south}],[{west + size},{south}],[{west + size},{south + size}],[{west},{south + size}],[{west},{south}]]");
}
