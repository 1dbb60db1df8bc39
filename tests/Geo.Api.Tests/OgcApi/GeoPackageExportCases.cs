namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// f=gpkg: GDAL's ogrinfo reads the GeoPackage as one layer named after the collection, in EPSG:4490, with the
/// catalog's property types (as the queryables state them) and the same features and Chinese text as the GeoJSON
/// items; on both stores.
/// </summary>
public abstract class GeoPackageExportCases(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("zones", true)]
    [InlineData("facilities", true)]
    [InlineData("projects", true)]
    [InlineData("indicators", false)]
    public async Task Ogrinfo_reads_the_same_features_types_and_Chinese_text(string collection, bool hasGeometry)
    {
        var response = await _client.GetAsync($"/ogcapi/collections/{collection}/items?f=gpkg&limit=500");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geopackage+sqlite3", response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(Directory.CreateTempSubdirectory("geo-gpkg-test-").FullName, collection + ".gpkg");
        try
        {
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
            var ogrinfo = await Gdal.RunAsync("ogrinfo", "-ro", "-al", path);
            var expected = JsonDocument.Parse(await _client.GetStringAsync($"/ogcapi/collections/{collection}/items?limit=500"))
                .RootElement.GetProperty("features").EnumerateArray().ToList();
            var queryables = JsonDocument.Parse(await _client.GetStringAsync($"/ogcapi/collections/{collection}/queryables"))
                .RootElement.GetProperty("properties");

            Assert.Contains($"Layer name: {collection}\n", ogrinfo, StringComparison.Ordinal);
            Assert.Contains($"Feature Count: {expected.Count}\n", ogrinfo, StringComparison.Ordinal);
            Assert.Equal(expected.Count, ogrinfo.Split("OGRFeature(").Length - 1);
            Assert.Equal(hasGeometry, ogrinfo.Contains("ID[\"EPSG\",4490]", StringComparison.Ordinal));
            foreach (var property in queryables.EnumerateObject().Where(p => p.Name is not ("id" or "geometry")))
            {
                Assert.Contains($"\n{property.Name}: {OgrType(property.Value)} ", ogrinfo, StringComparison.Ordinal);
            }

            foreach (var feature in expected)
            {
                Assert.Contains($"OGRFeature({collection}):{feature.GetProperty("id").GetInt64()}\n", ogrinfo, StringComparison.Ordinal);
                foreach (var text in feature.GetProperty("properties").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String
                    && queryables.GetProperty(p.Name).GetProperty("type").GetString() == "string" && !queryables.GetProperty(p.Name).TryGetProperty("format", out _)))
                {
                    Assert.Contains($"  {text.Name} (String) = {text.Value.GetString()}\n", ogrinfo, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task Encoding_is_400_for_a_GeoPackage()
    {
        var response = await _client.GetAsync("/ogcapi/collections/zones/items?f=gpkg&encoding=gbk");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>How OGR names the field type a JSON Schema type is stored as in a GeoPackage.</summary>
    private static string OgrType(JsonElement schema) => (schema.GetProperty("type").GetString(), schema.TryGetProperty("format", out var f) ? f.GetString() : null) switch
    {
        ("string", "date") => "Date",
        ("string", _) => "String",
        ("integer", _) => "Integer64",
        ("number", _) => "Real",
        ("boolean", _) => "Integer(Boolean)",
        var other => throw new InvalidOperationException($"no OGR type for {other}"),
    };
}

public sealed class EmbeddedGeoPackageExportTests(EmbeddedServiceFactory factory) : GeoPackageExportCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisGeoPackageExportTests(PostGisServiceFactory factory) : GeoPackageExportCases(factory), IClassFixture<PostGisServiceFactory>;
