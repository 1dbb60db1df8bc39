using Geo.Api.GisData;
using Geo.Core.Stores.InMemory;
using Microsoft.AspNetCore.TestHost;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// <c>numberMatchedIsEstimate</c> on an items page: false with an exact count (a small table, a filter matching few),
/// true only where PostGIS answers the planner's estimate (the embedded store's estimate: CountUpToTests). Expected
/// counts and estimates come from hand-written SQL and EXPLAIN.
/// </summary>
public abstract class NumberMatchedEstimateCases(ServiceFactory factory)
{
    // A triangle over half the district: a zone is no rectangle, and the planner estimates a polygon from its bbox.
    private const string Triangle = "POLYGON((107.9 30.8, 108.95 30.8, 107.9 31.7, 107.9 30.8))";
    private const string TriangleJson = """{"type":"Polygon","coordinates":[[[107.9,30.8],[108.95,30.8],[107.9,31.7],[107.9,30.8]]]}""";

    /// <summary>The store this factory's service reads, counting exactly at most <paramref name="exactMatchLimit"/> matches past a page.</summary>
    protected abstract IFeatureStore StoreWithExactMatchLimit(int exactMatchLimit);

    /// <summary>Sets the planner's statistics of parcels (reltuples, histograms) that estimates are compared with.</summary>
    protected async Task AnalyzeParcelsAsync()
    {
        await using var analyze = factory.Reference.DataSource.CreateCommand("ANALYZE parcels");
        await analyze.ExecuteNonQueryAsync();
    }

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

    [Fact]
    public async Task ResultType_hits_counts_exactly_where_a_page_estimates_and_sends_no_feature()
    {
        await using var service = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(StoreWithExactMatchLimit(3))));
        var client = service.CreateClient();
        await AnalyzeParcelsAsync();

        var inTriangle = await factory.Reference.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_GeomFromText('{Triangle}', 4490))");
        var inBox = await factory.Reference.Database.ScalarAsync<long>(
            "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_MakeEnvelope(108.0, 30.8, 108.6, 31.4, 4490)) AND land_use_code LIKE '0%'");
        var filter = $$"""{"op":"s_intersects","args":[{"property":"geometry"},{{TriangleJson}}]}""";

        var page = await SearchAsync(client, $$"""{"filter": {{filter}}, "limit": 2}""");
        var hits = await SearchAsync(client, $$"""{"filter": {{filter}}, "limit": 1, "resultType": "hits"}""");
        var boxHits = await PageAsync(client, "/ogcapi/collections/parcels/items?bbox=108.0,30.8,108.6,31.4&limit=1&offset=5&resultType=hits&filter="
            + Uri.EscapeDataString("land_use_code LIKE '0%'"));

        Assert.True(inTriangle > 10, $"{inTriangle} parcels in the triangle");
        Assert.True(page.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.Equal(inTriangle, hits.GetProperty("numberMatched").GetInt64());
        Assert.False(hits.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.Equal(0, hits.GetProperty("numberReturned").GetInt32());
        Assert.Empty(hits.GetProperty("features").EnumerateArray());
        Assert.DoesNotContain(hits.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "next");
        Assert.True(inBox > 10, $"{inBox} parcels of classes 0x in the box");
        Assert.Equal(inBox, boxHits.GetProperty("numberMatched").GetInt64());
        Assert.Empty(boxHits.GetProperty("features").EnumerateArray());
    }

    [Fact]
    public async Task Sortby_plus_id_alone_is_the_default_order_and_counts_as_an_unsorted_page_does()
    {
        // What the viewer's attribute table sends for a large layer, until a column is sorted.
        await using var service = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(StoreWithExactMatchLimit(3))));
        var client = service.CreateClient();
        var expected = await factory.Reference.IdsAsync("SELECT id FROM parcels WHERE land_use_code LIKE '0%' ORDER BY id");
        var filter = "&filter=" + Uri.EscapeDataString("land_use_code LIKE '0%'");

        var plain = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=2" + filter);
        var byId = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=2&sortby=%2Bid" + filter);
        var descending = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=2&sortby=-id" + filter);

        Assert.True(expected.Count > 10, $"{expected.Count} matches");
        Assert.Equal(expected.Take(2), byId.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
        Assert.True(byId.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.Equal(plain.GetProperty("numberMatched").GetInt64(), byId.GetProperty("numberMatched").GetInt64());
        Assert.Equal(expected.AsEnumerable().Reverse().Take(2), descending.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
        Assert.False(descending.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.Equal(expected.Count, descending.GetProperty("numberMatched").GetInt64());
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/ogcapi/collections/parcels/search", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class EmbeddedNumberMatchedEstimateTests(EmbeddedServiceFactory factory) : NumberMatchedEstimateCases(factory), IClassFixture<EmbeddedServiceFactory>
{
    protected override IFeatureStore StoreWithExactMatchLimit(int exactMatchLimit) =>
        new InMemoryFeatureStore(GisDataFolder.Load(RepoPaths.GisData)) { ExactMatchLimit = exactMatchLimit };
}

public sealed class PostGisNumberMatchedEstimateTests(PostGisServiceFactory factory) : NumberMatchedEstimateCases(factory), IClassFixture<PostGisServiceFactory>
{
    protected override IFeatureStore StoreWithExactMatchLimit(int exactMatchLimit) =>
        new PostGisFeatureStore(factory.Reference.DataSource, exactMatchLimit: exactMatchLimit);

    [Fact]
    public async Task A_large_unfiltered_first_page_without_a_kept_count_says_its_number_is_the_estimate()
    {
        // An exact-count limit of 10 rows makes gis-data's parcels "large"; ANALYZE sets the planner's reltuples before
        // the service starts (its tile overviews ask for a count at start, which must be the estimate, so none is kept).
        // A store of its own, so no earlier request has kept the count.
        await AnalyzeParcelsAsync();

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

    [Theory]
    [InlineData("filter=" + "land_use_code%20%3D%20%270701%27", "land_use_code = '0701'", "id")]
    [InlineData("bbox=107.9,30.8,108.95,31.7", "ST_Intersects(geom, ST_MakeEnvelope(107.9, 30.8, 108.95, 31.7, 4490))", "id")]
    public async Task A_filter_matching_more_than_a_page_and_the_exact_limit_says_the_planners_estimate(string parameters, string where, string order)
    {
        // Counting exactly at most 3 matches past a page; the service reads one feature past limit=2, so the page's
        // window counts 2 + 1 + 3 = 6 exactly and reads a seventh to know there are more.
        await using var service = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IFeatureStore>(new PostGisFeatureStore(factory.Reference.DataSource, exactMatchLimit: 3))));
        var client = service.CreateClient();
        await AnalyzeParcelsAsync();

        using var plan = JsonDocument.Parse(await factory.Reference.Database.ScalarAsync<string>($"EXPLAIN (FORMAT JSON) SELECT 1 FROM parcels WHERE {where}"));
        var planned = (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        Assert.True(planned >= 7, $"the planner expects {planned}");
        var expected = await factory.Reference.IdsAsync($"SELECT id FROM parcels WHERE {where} ORDER BY {order}");
        Assert.True(expected.Count > 10, $"{expected.Count} matches");

        var first = await PageAsync(client, "/ogcapi/collections/parcels/items?limit=2&" + parameters);

        Assert.True(first.GetProperty("numberMatchedIsEstimate").GetBoolean());
        Assert.Equal(planned, first.GetProperty("numberMatched").GetInt64());
        Assert.Contains(first.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("estimate", StringComparison.Ordinal));

        // The pages after it, by cursor, give every match once; those with at most 1 + 3 matches after the page before count exactly.
        var ids = new List<long>();
        for (var page = first; ; page = await PageAsync(client, Next(page)!))
        {
            ids.AddRange(page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
            var ahead = expected.Count - ids.Count + page.GetProperty("numberReturned").GetInt32();
            Assert.Equal(ahead > 2 + 1 + 3, page.GetProperty("numberMatchedIsEstimate").GetBoolean());
            if (Next(page) is null)
            {
                Assert.Equal(expected.Count, page.GetProperty("numberMatched").GetInt64());
                break;
            }
        }

        Assert.Equal(expected, ids);
    }

    private static string? Next(JsonElement page) =>
        page.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
            .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
}
