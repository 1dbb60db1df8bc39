using System.Globalization;

namespace Geo.Core.Tests.Formats;

/// <summary>
/// Three 三调-style parcels with Chinese 地类名称 in EPSG:4545, written by GDAL's ogr2ogr into the formats we read, and
/// the same parcels transformed to EPSG:4490 by GDAL/PROJ as the expected coordinates.
/// </summary>
public sealed class GdalMadeFiles : IAsyncLifetime
{
    public static readonly (string Dlmc, int Bsm, double Tbmj)[] Rows =
    [
        ("乔木林地", 1, 12.5),
        ("水田", 2, 3.25),
        ("城镇住宅用地", 3, 0.75),
    ];

    public string Folder { get; } = Directory.CreateTempSubdirectory("geo-formats-").FullName;

    public string Source => Path.Combine(Folder, "src.geojson");

    /// <summary>GDAL's transform of each parcel to EPSG:4490 (lon/lat), by BSM.</summary>
    public IReadOnlyDictionary<int, Geometry> Expected { get; private set; } = new Dictionary<int, Geometry>();

    public string Path2(string name) => Path.Combine(Folder, name);

    public async Task InitializeAsync()
    {
        var features = Rows.Select((r, i) =>
        {
            var (e, n) = (536_000 + 400 * i, 3_450_000 + 300 * i);
            var ring = $"[[{e},{n}],[{e + 250.5},{n}],[{e + 250.5},{n + 180.25}],[{e},{n + 180.25}],[{e},{n}]]";
            var hole = i == 0 ? $",[[{e + 50},{n + 50}],[{e + 50},{n + 100}],[{e + 100},{n + 100}],[{e + 100},{n + 50}],[{e + 50},{n + 50}]]" : string.Empty;
            return $$$"""{"type":"Feature","properties":{"DLMC":{{{JsonSerializer.Serialize(r.Dlmc)}}},"BSM":{{{r.Bsm}}},"TBMJ":{{{r.Tbmj.ToString(CultureInfo.InvariantCulture)}}}},"geometry":{"type":"Polygon","coordinates":[{{{ring}}}{{{hole}}}]}}""";
        });
        await File.WriteAllTextAsync(Source,
            $$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4545"}},"features":[{{{string.Join(',', features)}}}]}""");

        var expectedCsv = Path2("expected.csv");
        await Gdal.RunAsync("ogr2ogr", "-f", "CSV", expectedCsv, Source, "-t_srs", "EPSG:4490", "-lco", "GEOMETRY=AS_WKT");
        var reader = new WKTReader();
        using var csv = new CsvHelper.CsvReader(new StreamReader(expectedCsv), CultureInfo.InvariantCulture);
        var expected = new Dictionary<int, Geometry>();
        await csv.ReadAsync();
        csv.ReadHeader();
        while (await csv.ReadAsync())
        {
            expected[csv.GetField<int>("BSM")] = reader.Read(csv.GetField("WKT"));
        }

        Expected = expected;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
