using Geo.Core.Crs;
using Geo.Core.Formats;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// f=txt writes a polygon collection as a 报盘 TXT that reads back (with the file readers) to the same 地块, names
/// and outlines as the GeoJSON items, with 地块面积 equal to the area measured in EPSG:4545; on both stores.
/// </summary>
public abstract class BaopanExportCases(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("", 4524)]
    [InlineData("&crs=http://www.opengis.net/def/crs/EPSG/0/4545", 4545)]
    public async Task Zones_as_TXT_read_back_equal_to_their_GeoJSON(string crs, int epsg)
    {
        var response = await _client.GetAsync($"/ogcapi/collections/zones/items?f=txt&limit=500{crs}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        ImportedLayer layer;
        try
        {
            layer = FeatureFile.Read(path, new FileReadOptions(), CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }

        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        var expected = JsonSerializer.Deserialize<NetTopologySuite.Features.FeatureCollection>(
            await _client.GetStringAsync("/ogcapi/collections/zones/items?limit=500"), options)!;

        Assert.Equal(epsg, layer.SourceCrs.Epsg);
        Assert.Equal("gbk", layer.Encoding);
        Assert.Equal(expected.Count, layer.Features.Count);
        foreach (var (want, got) in expected.Zip(layer.Features))
        {
            Assert.Equal(want.Attributes["name"], got.Properties["地块名称"]);
            var wanted = want.Geometry.Coordinates;
            var gotten = got.Geometry.Coordinates;
            Assert.Equal(wanted.Length, gotten.Length);
            // Millimetres in the TXT: about 1e-8 degrees.
            Assert.All(wanted.Zip(gotten), p => Assert.True(p.First.Distance(p.Second) < 2e-8, $"{p.First} vs {p.Second}"));
            Assert.Equal(GaussKruger108.AreaOf(want.Geometry).Hectares, (double)got.Properties["地块面积"]!, 1e-4);
        }
    }

    [Fact]
    public async Task A_collection_without_polygons_is_400_for_TXT()
    {
        var response = await _client.GetAsync("/ogcapi/collections/facilities/items?f=txt");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class EmbeddedBaopanExportTests(EmbeddedServiceFactory factory) : BaopanExportCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisBaopanExportTests(PostGisServiceFactory factory) : BaopanExportCases(factory), IClassFixture<PostGisServiceFactory>;
