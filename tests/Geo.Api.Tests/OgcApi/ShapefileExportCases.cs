using System.IO.Compression;

namespace Geo.Api.Tests.OgcApi;

/// <summary>f=shp (UTF-8, or GBK with encoding=gbk): GDAL's ogrinfo reads the zipped shapefile with the same features, Chinese names and ids; on both stores.</summary>
public abstract class ShapefileExportCases(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    static ShapefileExportCases() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("zones", "", "UTF-8", 65001)]
    [InlineData("facilities", "", "UTF-8", 65001)]
    [InlineData("zones", "&encoding=gbk", "GBK", 936)]
    [InlineData("facilities", "&encoding=gbk", "GBK", 936)]
    public async Task Ogrinfo_reads_the_same_features_and_Chinese_names(string collection, string encoding, string cpg, int codePage)
    {
        var response = await _client.GetAsync($"/ogcapi/collections/{collection}/items?f=shp&limit=500{encoding}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var folder = Directory.CreateTempSubdirectory("geo-shp-test-").FullName;
        try
        {
            using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
            {
                zip.ExtractToDirectory(folder);
            }

            Assert.Equal(cpg, await File.ReadAllTextAsync(Path.Combine(folder, collection + ".cpg")));
            var dbf = await File.ReadAllBytesAsync(Path.Combine(folder, collection + ".dbf"));
            var ogrinfo = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-q", Path.Combine(folder, collection + ".shp"));
            var expected = JsonDocument.Parse(await _client.GetStringAsync($"/ogcapi/collections/{collection}/items?limit=500"))
                .RootElement.GetProperty("features").EnumerateArray().ToList();

            Assert.Equal(expected.Count, ogrinfo.Split("OGRFeature(").Length - 1);
            foreach (var feature in expected)
            {
                var name = feature.GetProperty("properties").GetProperty("name").GetString();
                Assert.Contains($"name (String) = {name}", ogrinfo, StringComparison.Ordinal);
                Assert.True(dbf.AsSpan().IndexOf(System.Text.Encoding.GetEncoding(codePage).GetBytes(name!)) >= 0, $"'{name}' is not in the .dbf as code page {codePage}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("f=shp&encoding=big5")]
    [InlineData("f=json&encoding=gbk")]
    public async Task An_unsupported_encoding_is_400(string query)
    {
        var response = await _client.GetAsync($"/ogcapi/collections/zones/items?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("encoding", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task A_collection_mixing_points_and_polygons_is_400_for_shp()
    {
        var response = await _client.GetAsync("/ogcapi/collections/projects/items?f=shp");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class EmbeddedShapefileExportTests(EmbeddedServiceFactory factory) : ShapefileExportCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisShapefileExportTests(PostGisServiceFactory factory) : ShapefileExportCases(factory), IClassFixture<PostGisServiceFactory>;
