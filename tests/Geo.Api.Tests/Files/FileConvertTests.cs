using System.Globalization;
using static Geo.Api.Tests.Analysis.RedLineFiles;

namespace Geo.Api.Tests.Files;

/// <summary>
/// POST /api/files/convert: a 报盘 TXT 红线 with a hole (1200 m × 900 m less 200 m × 200 m = 1,040,000 m² in EPSG:4545)
/// comes back in every export format; GDAL reads each file (ogr2ogr projects it to EPSG:4545 with PROJ) with one feature,
/// its Chinese name and that area. Converting does not touch a store, so one store serves.
/// </summary>
public sealed class FileConvertTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    private const double SiteArea = 1200 * 900 - 200 * 200;

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("gpkg", "", "gpkg")]
    [InlineData("shp", "", "zip")]
    [InlineData("shp", "gbk", "zip")]
    [InlineData("csv", "", "csv")]
    [InlineData("geojson", "", "geojson")]
    public async Task GDAL_reads_one_feature_with_its_Chinese_name_and_the_area_of_the_upload(string format, string encoding, string extension)
    {
        var folder = Directory.CreateTempSubdirectory("file-convert-");
        try
        {
            var file = Path.Combine(folder.FullName, "hongxian." + extension);
            await File.WriteAllBytesAsync(file, await ConvertAsync($"f={format}" + (encoding.Length > 0 ? $"&encoding={encoding}" : ""), extension));
            var source = extension == "zip" ? "/vsizip/" + file : file;

            var ogrinfo = await Gdal.RunAsync("ogrinfo", "-ro", "-al", source);
            Assert.Contains("Feature Count: 1\n", ogrinfo, StringComparison.Ordinal);
            Assert.Contains("= 某项目红线\n", ogrinfo, StringComparison.Ordinal);
            if (encoding == "gbk")
            {
                Assert.Contains("地块名称 (String) = 某项目红线", ogrinfo, StringComparison.Ordinal);
            }

            var projected = Path.Combine(folder.FullName, "projected.geojson");
            string[] sourceCrs = format == "csv" ? ["-s_srs", "EPSG:4490"] : [];
            await Gdal.RunAsync("ogr2ogr", ["-f", "GeoJSON", "-t_srs", "EPSG:4545", .. sourceCrs, projected, source]);
            var geometry = Assert.Single(JsonDocument.Parse(await File.ReadAllTextAsync(projected)).RootElement.GetProperty("features").EnumerateArray())
                .GetProperty("geometry");
            Assert.Equal(SiteArea, Area(geometry), 1.0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_baopan_TXT_written_back_has_the_parcel_its_hole_and_its_area_in_zone_36()
    {
        var text = CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetString(await ConvertAsync("f=txt", "txt"));

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = Assert.Single(lines, l => l.EndsWith(",@", StringComparison.Ordinal)).Split(',');
        Assert.Equal("某项目红线", header[3]);
        Assert.Equal(104.0, double.Parse(header[1], CultureInfo.InvariantCulture), 0.001);
        // Points J…,ring,X (northing),Y (easting with the zone prefix): the shoelace area of the shell less the hole.
        var rings = lines.Where(l => l.StartsWith('J')).Select(l => l.Split(','))
            .GroupBy(p => p[1], p => (X: double.Parse(p[2], CultureInfo.InvariantCulture), Y: double.Parse(p[3], CultureInfo.InvariantCulture)))
            .Select(r => Math.Abs(Shoelace(r.ToList()))).ToList();
        Assert.Equal(2, rings.Count);
        Assert.All(lines.Where(l => l.StartsWith('J')), l => Assert.StartsWith("36", l.Split(',')[3], StringComparison.Ordinal));
        Assert.Equal(SiteArea, rings.Max() - rings.Min(), 0.05);
    }

    [Theory]
    [InlineData("f=kml", "f")]
    [InlineData("f=gpkg&encoding=gbk", "encoding")]
    public async Task A_format_it_cannot_write_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await _client.PostAsync($"/api/files/convert?{query}", Upload(Gbk(Txt()), "红线.txt"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    [Theory]
    [InlineData("gpkg", "gpkg")]
    [InlineData("shp", "zip")]
    [InlineData("csv", "csv")]
    [InlineData("txt", "txt")]
    [InlineData("geojson", "geojson")]
    public async Task A_file_with_a_Chinese_name_downloads_under_that_name_with_an_ASCII_fallback(string format, string extension)
    {
        using var response = await _client.PostAsync($"/api/files/convert?f={format}", Upload(Gbk(Txt()), "某项目 红线.txt"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"upload.{extension}", disposition.FileName);
        // HttpClient decodes RFC 5987 itself: the percent-encoded UTF-8 of the upload's name.
        Assert.Equal($"某项目 红线.{extension}", disposition.FileNameStar);
        Assert.Contains($"filename*=UTF-8''%E6%9F%90%E9%A1%B9%E7%9B%AE%20%E7%BA%A2%E7%BA%BF.{extension}", disposition.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_downloads_under_the_zip_s_name_not_the_name_of_the_file_inside()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("site.geojson").Open();
            // GeoJson(Site) is a feature's members: a polygon in EPSG:4545 and its crs.
            await entry.WriteAsync(Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{}," + GeoJson(Site)[1..] + "]}"));
        }

        using var response = await _client.PostAsync("/api/files/convert?f=gpkg", Upload(zip.ToArray(), "红线.zip", ("crs", "EPSG:4545")));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("红线.gpkg", response.Content.Headers.ContentDisposition?.FileNameStar);
        // The ASCII fallback stays the layer's name, taken from the file read.
        Assert.Equal("site.gpkg", response.Content.Headers.ContentDisposition?.FileName);
    }

    private async Task<byte[]> ConvertAsync(string query, string extension)
    {
        using var response = await _client.PostAsync($"/api/files/convert?{query}", Upload(Gbk(Txt()), "hongxian.txt"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal($"attachment; filename=\"hongxian.{extension}\"", response.Content.Headers.ContentDisposition?.ToString());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static double Area(JsonElement geometry)
    {
        var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
            ? geometry.GetProperty("coordinates").EnumerateArray().ToList()
            : [geometry.GetProperty("coordinates")];
        return polygons.Sum(p => p.EnumerateArray().Select((ring, i) => (i == 0 ? 1 : -1) * Math.Abs(Shoelace(
            ring.EnumerateArray().Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToList()))).Sum());
    }

    private static double Shoelace(List<(double X, double Y)> ring) =>
        Enumerable.Range(0, ring.Count - 1).Sum(i => (ring[i].X * ring[i + 1].Y) - (ring[i + 1].X * ring[i].Y)) / 2;
}
