using Microsoft.AspNetCore.TestHost;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// <c>numberMatchedIsEstimate</c> on an items page: false with an exact count (every filtered page, every page of the
/// embedded store, a small table on PostGIS), true only where PostGIS answers the planner's estimate. Expected counts
/// come from hand-written SQL.
/// </summary>
public abstract class NumberMatchedEstimateCases(ServiceFactory factory)
{
    protected static async Task<JsonElement> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task An_exact_count_says_it_is_not_an_estimate_unfiltered_and_filtered()
    {
        var client = factory.CreateClient();
        var all = await factory.Reference.Database.ScalarAsync<long>("SELECT count(*) FROM parcels");
        var industrial = await factory.Reference.Database.ScalarAsync<long>("SELECT count(*) FROM parcels WHERE land_use_code = '0601'");

        var unfiltered = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=5");
        var filtered = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=5&filter=" + Uri.EscapeDataString("land_use_code = '0601'"));

        Assert.Equal(all, unfiltered.GetProperty("numberMatched").GetInt64());
        Assert.False(unfiltered.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.True(industrial > 0, "no 工业用地 parcel in gis-data");
        Assert.Equal(industrial, filtered.GetProperty("numberMatched").GetInt64());
        Assert.False(filtered.GetProperty("numberMatchedIsEstimate").GetBoolean());
    }
}

public sealed class EmbeddedNumberMatchedEstimateTests(EmbeddedServiceFactory factory) : NumberMatchedEstimateCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisNumberMatchedEstimateTests(PostGisServiceFactory factory) : NumberMatchedEstimateCases(factory), IClassFixture<PostGisServiceFactory>
{
    [Fact]
    public async Task A_large_unfiltered_first_page_without_a_kept_count_says_its_number_is_the_estimate()
    {
        // An exact-count limit of 10 rows makes gis-data's parcels "large"; ANALYZE sets the planner's reltuples before
        // the service starts (its tile overviews ask for a count at start, which must be the estimate, so none is kept).
        // A store of its own, so no earlier request has kept the count.
        await using (var analyze = factory.Reference.DataSource.CreateCommand("ANALYZE parcels"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var service = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IFeatureStore>(new PostGisFeatureStore(factory.Reference.DataSource, exactCountLimit: 10))));
        var client = service.CreateClient();
        var reltuples = await factory.Reference.Database.ScalarAsync<long>("SELECT reltuples::bigint FROM pg_class WHERE oid = 'parcels'::regclass");
        var industrial = await factory.Reference.Database.ScalarAsync<long>("SELECT count(*) FROM parcels WHERE land_use_code = '0601'");

        var unfiltered = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=5");
        var filtered = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=5&filter=" + Uri.EscapeDataString("land_use_code = '0601'"));

        Assert.True(reltuples > 10, $"reltuples {reltuples}");
        Assert.True(unfiltered.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.Equal(reltuples, unfiltered.GetProperty("numberMatched").GetInt64());
        Assert.False(filtered.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.Equal(industrial, filtered.GetProperty("numberMatched").GetInt64());
    }
}
