using System.Buffers.Binary;
using System.Globalization;
using Geo.Core.Formats.Shapefile.Internal;

namespace Geo.Core.Tests.Formats.Shapefile;

/// <summary>
/// A GBK polygon shapefile GDAL wrote (plain parcels, a multipart, a hole, a collinear vertex, a long ring) read by
/// <see cref="ShpPolygonRecords"/> and by NetTopologySuite.IO.Esri alone: the same rows, geometries equal coordinate for
/// coordinate and of the same type, the same attributes; only the plain one-ring parcels read directly; and a bad
/// polygon or a damaged record gives the library's own error on either path.
/// </summary>
public sealed class ShpPolygonRecordsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("shp-polygons-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Name → GeoJSON polygon or multipolygon coordinates near 汉丰湖 (lon/lat, CGCS2000).</summary>
    private static readonly (string Name, string Type, string Coordinates, bool Direct)[] Parcels =
    [
        ("甲地块", "Polygon", Square(0, 0), true),
        ("乙地块", "MultiPolygon", $"[{Square(1, 0)},{Square(2, 0)}]", false),
        ("丙地块", "Polygon", $"{Square(3, 0)[..^1]},{Ring(108.40625, 31.16025, 0.5, reverse: true)}]", false),
        // A vertex in the middle of an edge: valid, but the one-ring proof leaves collinear turns to IsValidOp.
        ("丁地块", "Polygon", "[[[108.404,31.16],[108.4045,31.16],[108.405,31.16],[108.405,31.161],[108.404,31.161],[108.404,31.16]]]", false),
        ("戊地块", "Polygon", $"[{Circle(5, 80)}]", false),
        ("己地块", "Polygon", "[[[108.406,31.16],[108.4065,31.1598],[108.407,31.16],[108.4068,31.1607],[108.4062,31.1607],[108.406,31.16]]]", true),
    ];

    [Fact]
    public async Task Both_paths_read_the_same_rows_and_only_plain_parcels_are_read_directly()
    {
        var shp = await ShapefileAsync("parcels", Parcels.Select(p => (p.Name, p.Type, p.Coordinates)));

        var direct = Read(shp, byLibrary: false);
        var library = Read(shp, byLibrary: true);

        Assert.Equal(Parcels.Length, direct.Count);
        Assert.Equal(library.Select(f => f.Row), direct.Select(f => f.Row));
        foreach (var (ours, theirs) in direct.Zip(library))
        {
            Assert.Equal(theirs.Geometry.GetType(), ours.Geometry.GetType());
            Assert.True(theirs.Geometry.EqualsExact(ours.Geometry), $"row {ours.Row}: {ours.Geometry} differs from the library's {theirs.Geometry}");
            Assert.Equal(theirs.Properties.OrderBy(p => p.Key), ours.Properties.OrderBy(p => p.Key));
        }

        Assert.Equal(Parcels.Select(p => p.Name), direct.Select(f => f.Properties["name"]));
        // The library's geometries straight from the file, independent of FeatureFile: equal shape for shape.
        var shapes = NetTopologySuite.IO.Esri.Shapefile.ReadAllGeometries(shp);
        Assert.All(direct.Zip(shapes), pair => Assert.True(pair.Second.EqualsExact(pair.First.Geometry)));

        using var records = ShpPolygonRecords.Open(shp, Parcels.Length)!;
        while (records.Read(out _, out _))
        {
        }

        Assert.Equal(Parcels.Count(p => p.Direct), records.Direct);
    }

    [Fact]
    public async Task A_bow_tie_is_read_as_drawn_for_the_import_to_repair_where_the_strict_library_refuses_the_file()
    {
        var shp = await ShapefileAsync("bowtie", [
            ("甲地块", "Polygon", Square(0, 0)),
            ("蝴蝶结", "Polygon", "[[[108.40,31.16],[108.401,31.161],[108.401,31.16],[108.40,31.161],[108.40,31.16]]]"),
        ]);

        var read = Read(shp, byLibrary: false);
        var library = Assert.Throws<FileInputException>(() => Read(shp, byLibrary: true));

        Assert.Equal([1, 2], read.Select(f => f.Row));
        Assert.False(read[1].Geometry.IsValid);
        // GDAL may have turned the ring round to ESRI's order, never moved a vertex.
        Assert.Equal(["108.4 31.16", "108.4 31.161", "108.401 31.16", "108.401 31.161"],
            read[1].Geometry.Coordinates.Select(c => FormattableString.Invariant($"{c.X} {c.Y}")).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("Invalid polygon geometry", library.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("XYM")]
    public async Task A_PolygonZ_or_PolygonM_bow_tie_is_read_as_drawn_too(string dimensions)
    {
        var shp = await ShapefileAsync("bowtie" + dimensions, [
            ("甲地块", "Polygon", Square(0, 0)),
            ("蝴蝶结", "Polygon", "[[[108.40,31.16],[108.401,31.161],[108.401,31.16],[108.40,31.161],[108.40,31.16]]]"),
        ], "-dim", dimensions);

        var read = Read(shp, byLibrary: false);
        var library = Assert.Throws<FileInputException>(() => Read(shp, byLibrary: true));

        // The header's shape type straight from the bytes: GDAL wrote what was asked (15 PolygonZ, 25 PolygonM).
        Assert.Equal(dimensions == "XYZ" ? 15 : 25, BinaryPrimitives.ReadInt32LittleEndian(File.ReadAllBytes(shp).AsSpan(32)));
        Assert.Equal([1, 2], read.Select(f => f.Row));
        Assert.True(read[0].Geometry.IsValid);
        Assert.False(read[1].Geometry.IsValid);
        Assert.Equal(["108.4 31.16", "108.4 31.161", "108.401 31.16", "108.401 31.161"],
            read[1].Geometry.Coordinates.Select(c => FormattableString.Invariant($"{c.X} {c.Y}")).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("Invalid polygon geometry", library.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PolygonZ_record_claiming_more_points_than_it_holds_is_refused_as_damaged()
    {
        var shp = await ShapefileAsync("damagedZ", Parcels.Select(p => (p.Name, p.Type, p.Coordinates)), "-dim", "XYZ");
        await ClaimFortyPointsInRecordOneAsync(shp);

        var direct = Assert.Throws<FileInputException>(() => Read(shp, byLibrary: false));

        Assert.Equal(1, direct.Row);
        // 44 + 4 + 16 × 40 bytes of XY, then 16 + 8 × 40 of Z, and as many again if it carries M.
        Assert.Contains("but its 1 parts and 40 points take 1024 or 1360); it may be damaged or truncated", direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_claiming_more_points_than_it_holds_is_refused_as_damaged_on_both_paths()
    {
        var shp = await ShapefileAsync("damaged", Parcels.Select(p => (p.Name, p.Type, p.Coordinates)));
        await ClaimFortyPointsInRecordOneAsync(shp);

        var direct = Assert.Throws<FileInputException>(() => Read(shp, byLibrary: false));
        var library = Assert.Throws<FileInputException>(() => Read(shp, byLibrary: true));

        Assert.Equal((1, 1), (direct.Row, library.Row));
        Assert.Contains("damaged or truncated", library.Message, StringComparison.Ordinal);
        Assert.Contains("(record 1 is 128 bytes long, but its 1 parts and 40 points take 688); it may be damaged or truncated", direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upper_case_dbf_and_shx_names_are_found_on_both_paths()
    {
        var shp = await ShapefileAsync("upper", Parcels.Select(p => (p.Name, p.Type, p.Coordinates)));
        foreach (var extension in new[] { ".dbf", ".shx" })
        {
            File.Move(Path.ChangeExtension(shp, extension), Path.ChangeExtension(shp, extension.ToUpperInvariant()));
        }

        var direct = Read(shp, byLibrary: false);
        var library = Read(shp, byLibrary: true);

        Assert.Equal(Parcels.Select(p => p.Name), direct.Select(f => f.Properties["name"]));
        Assert.Equal(Parcels.Select(p => p.Name), library.Select(f => f.Properties["name"]));
    }

    /// <summary>Record 1's point count (at file offset 100 + 8 + 40) from 5 to 40: within the one-ring limit, past its content.</summary>
    private static async Task ClaimFortyPointsInRecordOneAsync(string shp)
    {
        await using var stream = new FileStream(shp, FileMode.Open, FileAccess.ReadWrite);
        var points = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(points, 40);
        stream.Position = 148;
        await stream.WriteAsync(points);
    }

    private static List<ImportedFeature> Read(string shp, bool byLibrary)
    {
        using var stream = FeatureFile.Open(shp, new FileReadOptions { ShapefileByLibrary = byLibrary }, CancellationToken.None);
        return [.. stream.Features];
    }

    /// <summary>The features as GeoJSON in EPSG:4490, written by GDAL as a GBK shapefile.</summary>
    private async Task<string> ShapefileAsync(string name, IEnumerable<(string Name, string Type, string Coordinates)> features, params string[] options)
    {
        var geojson = Path.Combine(_folder.FullName, name + ".geojson");
        var items = features.Select(f => $$$"""{"type":"Feature","properties":{"name":"{{{f.Name}}}"},"geometry":{"type":"{{{f.Type}}}","coordinates":{{{f.Coordinates}}}}}""");
        await File.WriteAllTextAsync(geojson, $$$"""{"type":"FeatureCollection","features":[{{{string.Join(',', items)}}}]}""");
        var shp = Path.Combine(_folder.FullName, name + ".shp");
        await Gdal.RunAsync("ogr2ogr", ["-f", "ESRI Shapefile", "-a_srs", "EPSG:4490", "-lco", "ENCODING=CP936", .. options, shp, geojson]);
        return shp;
    }

    private static string Square(int column, int row) => $"[{Ring(108.40 + 0.002 * column, 31.16 + 0.002 * row, 1, reverse: false)}]";

    /// <summary>An axis-parallel square ring of side <paramref name="size"/> × 1/1000° from its south-west corner.</summary>
    private static string Ring(double west, double south, double size, bool reverse)
    {
        var (east, north) = (west + size / 1000, south + size / 1000);
        (double X, double Y)[] corners = [(west, south), (east, south), (east, north), (west, north), (west, south)];
        return "[" + string.Join(',', (reverse ? corners.Reverse() : corners).Select(Position)) + "]";
    }

    private static string Circle(int column, int positions) =>
        "[" + string.Join(',', Enumerable.Range(0, positions + 1).Select(i => Position(
            (108.4005 + 0.002 * column + 0.0004 * Math.Cos(2 * Math.PI * (i % positions) / positions), 31.1605 + 0.0004 * Math.Sin(2 * Math.PI * (i % positions) / positions))))) + "]";

    private static string Position((double X, double Y) p) => string.Create(CultureInfo.InvariantCulture, $"[{p.X},{p.Y}]");
}
