using System.IO.Compression;

namespace Geo.Api.Tests.Clients;

/// <summary>
/// Issue 11: "GDAL and QGIS must open what we write". QGIS 3.22 (Debian python3-qgis) opens each export as a user
/// who drags the file in (its "ogr" provider) and finds the same features and Chinese names as the OGC items; on
/// both stores.
/// </summary>
public abstract class QgisFileExportCases(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("f=gpkg", "zones.gpkg", "EPSG:4490")]
    [InlineData("f=shp", "zones.zip", "EPSG:4490")]
    [InlineData("f=shp&encoding=gbk", "zones.zip", "EPSG:4490")]
    [InlineData("f=geojson", "zones.geojson", "EPSG:4326")]
    [InlineData("f=csv", "zones.csv", "")]
    public async Task Qgis_opens_the_export_with_the_same_features_and_Chinese_names(string format, string file, string crs)
    {
        var folder = Directory.CreateTempSubdirectory("geo-qgis-export-").FullName;
        try
        {
            var response = await _client.GetAsync($"/ogcapi/collections/zones/items?{format}&limit=500");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var path = Path.Combine(folder, file);
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
            if (file.EndsWith(".zip", StringComparison.Ordinal))
            {
                ZipFile.ExtractToDirectory(path, folder);
                path = Path.Combine(folder, "zones.shp");
            }

            var read = await Qgis.ReadFileAsync(path, "name");
            var expected = JsonDocument.Parse(await _client.GetStringAsync("/ogcapi/collections/zones/items?limit=500"))
                .RootElement.GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();

            Assert.True(read.GetProperty("valid").GetBoolean(), $"QGIS could not open {format}");
            Assert.NotEmpty(expected);
            Assert.Contains(expected, name => name.Any(c => c > 0x3000));
            Assert.Equal(expected.Count, read.GetProperty("count").GetInt32());
            Assert.Equal(expected, read.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal).ToList());
            if (crs.Length > 0)
            {
                Assert.Equal(crs, read.GetProperty("crs").GetString());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class EmbeddedQgisFileExportTests(EmbeddedServiceFactory factory) : QgisFileExportCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisQgisFileExportTests(PostGisServiceFactory factory) : QgisFileExportCases(factory), IClassFixture<PostGisServiceFactory>;
