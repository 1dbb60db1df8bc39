using System.Text.RegularExpressions;
using Geo.Api.Tests.OgcApi;

namespace Geo.Api.Tests.Clients;

/// <summary>GDAL lists every collection and copies each in full (paging through next links) into a GeoPackage.</summary>
public abstract partial class GdalClientCases(ServiceFactory factory)
{
    private string Landing => $"OAPIF:{factory.ListeningAddress}ogcapi";

    [Fact]
    public async Task Ogrinfo_lists_every_collection()
    {
        var output = await Gdal.RunAsync("ogrinfo", "-ro", "-q", Landing);

        foreach (var collection in Catalog.All)
        {
            Assert.Matches($@"\d+: {collection.Id} \(title: {Regex.Escape(collection.TitleZh)}\)", output);
        }
    }

    [Fact]
    public async Task Ogr2ogr_copies_every_collection_in_full()
    {
        var gpkg = Path.Combine(Path.GetTempPath(), $"kaizhou-{Guid.NewGuid():N}.gpkg");
        try
        {
            // A small page size makes GDAL follow many next links.
            await Gdal.RunAsync("ogr2ogr", "-f", "GPKG", gpkg, Landing, "-oo", "PAGE_SIZE=7");
            var summary = await Gdal.RunAsync("ogrinfo", "-ro", "-so", "-al", gpkg);
            var counts = LayerCounts().Matches(summary).ToDictionary(m => m.Groups["layer"].Value, m => long.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));

            foreach (var collection in Catalog.All)
            {
                var expected = await factory.Reference.IdsAsync($"SELECT id FROM {collection.TableName}");
                Assert.Equal(expected.Count, counts[collection.Id]);
            }
        }
        finally
        {
            File.Delete(gpkg);
        }
    }

    [GeneratedRegex(@"Layer name: (?<layer>\w+)[\s\S]*?Feature Count: (?<count>\d+)")]
    private static partial Regex LayerCounts();
}

public sealed class EmbeddedGdalTests(EmbeddedServiceFactory factory) : GdalClientCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisGdalTests(PostGisServiceFactory factory) : GdalClientCases(factory), IClassFixture<PostGisServiceFactory>;
