using System.Globalization;

namespace Geo.Core.Tests.Formats;

/// <summary>报盘 TXT: coordinates equal PostGIS's ST_Transform to 1 cm, areas equal the header's, and bad files refused.</summary>
public sealed class BaopanReaderTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    // About 1 cm at 31°N in either direction.
    private const double Centimetre = 9e-8;

    private readonly string _folder = Directory.CreateTempSubdirectory("geo-baopan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ImportedLayer Read(string text, FileReadOptions? options = null) =>
        FeatureFile.Read(BaopanTxt.Write(_folder, text), options ?? new FileReadOptions(), CancellationToken.None);

    private async Task<Geometry> PostGisAsync((double N, double E)[][] rings, int epsg, double prefix)
    {
        var wkt = "POLYGON (" + string.Join(", ", rings.Select(r =>
            "(" + string.Join(", ", r.Append(r[0]).Select(p => string.Create(CultureInfo.InvariantCulture, $"{prefix + p.E} {p.N}"))) + ")")) + ")";
        var text = await database.ScalarAsync<string>($"SELECT ST_AsText(ST_Transform(ST_GeomFromText('{wkt}', {epsg}), 4490), 15)");
        return new WKTReader().Read(text);
    }

    private static void AssertSameVertices(Geometry expected, Geometry actual)
    {
        var (e, a) = (expected.Coordinates, actual.Coordinates);
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i].X - a[i].X) < Centimetre && Math.Abs(e[i].Y - a[i].Y) < Centimetre, $"vertex {i}: ({a[i].X}, {a[i].Y}) vs PostGIS ({e[i].X}, {e[i].Y})");
        }
    }

    [Theory]
    [InlineData(true, 4524)]
    [InlineData(false, 4545)]
    public async Task Coordinates_equal_PostGIS_to_a_centimetre_and_areas_equal_the_header(bool zonePrefix, int epsg)
    {
        var layer = Read(BaopanTxt.Text(zonePrefix));

        Assert.Equal(FileFormat.BaopanTxt, layer.Format);
        Assert.Equal(epsg, layer.SourceCrs.Epsg);
        Assert.Equal(2, layer.Features.Count);
        var prefix = zonePrefix ? 36_000_000.0 : 0.0;
        var withHole = (Polygon)layer.Features[0].Geometry;
        Assert.Equal(1, withHole.NumInteriorRings);
        AssertSameVertices(await PostGisAsync(BaopanTxt.ParcelWithHole, epsg, prefix), withHole);
        AssertSameVertices(await PostGisAsync(BaopanTxt.PlainParcel, epsg, prefix), layer.Features[1].Geometry);

        Assert.Equal("开州区某项目红线", layer.Features[0].Properties["地块名称"]);
        foreach (var feature in layer.Features)
        {
            // The header's 地块面积 is in 公顷; the hand-computed areas are 28 000 m² and 8 000 m².
            Assert.Equal((double)feature.Properties["地块面积"]!, GaussKruger108.AreaOf(feature.Geometry).Hectares, 1e-5);
        }
    }

    [Fact]
    public void A_point_count_other_than_the_header_is_refused_with_its_line()
    {
        var error = Assert.Throws<FileInputException>(() => Read(BaopanTxt.Text(true, extraPoints: 1)));

        Assert.Equal(13, error.Row); // the 地块 header line, after 11 lines of [属性描述] and the [地块坐标] line
        Assert.Equal("界址点数", error.Field);
        Assert.Contains("declares 11 points (界址点数) but lists 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_ring_is_refused()
    {
        var error = Assert.Throws<FileInputException>(() => Read(BaopanTxt.Text(true, closeRings: false)));

        Assert.Contains("ring 1 of 地块 '1' is not closed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1980西安坐标系", "Xian 1980")]
    [InlineData("1954北京坐标系", "Beijing 1954")]
    public void Xian_1980_and_Beijing_1954_headers_are_refused(string system, string datum)
    {
        var error = Assert.Throws<FileInputException>(() => Read(BaopanTxt.Text(true, system)));

        Assert.Equal("坐标系", error.Field);
        Assert.Contains($"is {datum}, which has no published transformation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_zone_said_in_the_request_is_caught_by_the_coordinates()
    {
        var error = Assert.Throws<FileInputException>(() => Read(BaopanTxt.Text(true), new FileReadOptions { Crs = "EPSG:4523" }));

        Assert.Equal("geometry", error.Field);
        Assert.Contains("lies outside CGCS2000 / 3-degree Gauss-Kruger zone 35", error.Message, StringComparison.Ordinal);
    }
}
