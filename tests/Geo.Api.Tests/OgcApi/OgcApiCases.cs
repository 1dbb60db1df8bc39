namespace Geo.Api.Tests.OgcApi;

/// <summary>The OGC API – Features core, asked the same questions over both stores.</summary>
public abstract class OgcApiCases(ServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url, string mediaType = "application/json")
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Landing_page_links_to_conformance_and_data_with_absolute_hrefs()
    {
        var landing = await GetJsonAsync("/ogcapi");

        var rels = landing.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString()!);
        Assert.StartsWith("http://", rels["data"], StringComparison.Ordinal);
        Assert.EndsWith("/ogcapi/conformance", rels["conformance"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collections_lists_every_catalog_collection_with_its_extent()
    {
        var collections = (await GetJsonAsync("/ogcapi/collections")).GetProperty("collections").EnumerateArray().ToList();

        Assert.Equal(Catalog.All.Select(c => c.Id), collections.Select(c => c.GetProperty("id").GetString()));
        var projects = collections.Single(c => c.GetProperty("id").GetString() == "projects");
        Assert.Equal("重大项目", projects.GetProperty("title").GetString());
        var bbox = projects.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.InRange(bbox[0], 107.9, 108.9);
        Assert.InRange(bbox[1], 30.8, 31.7);
        var interval = projects.GetProperty("extent").GetProperty("temporal").GetProperty("interval")[0].EnumerateArray().Select(v => v.GetString()).ToList();
        var years = await factory.Reference.IdsAsync("SELECT min(start_year) FROM projects UNION ALL SELECT max(end_year) FROM projects");
        Assert.Equal([$"{years[0]}-01-01T00:00:00Z", $"{years[1]}-12-31T23:59:59Z"], interval);
    }

    [Fact]
    public async Task Items_page_through_next_links_to_every_feature()
    {
        var expected = RepoGeoJsonIds("parcels.geojson");
        var ids = new List<long>();
        var url = "/ogcapi/collections/parcels/items?limit=40";
        while (url is not null)
        {
            var page = await GetJsonAsync(url, "application/geo+json");
            Assert.Equal(expected.Count, page.GetProperty("numberMatched").GetInt64());
            ids.AddRange(page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
            url = page.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        }

        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task A_project_is_served_with_its_Chinese_text_unescaped()
    {
        var response = await _client.GetAsync("/ogcapi/collections/projects/items/4");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"name\":\"丰乐片区城中村改造项目\"", text, StringComparison.Ordinal);
        var feature = JsonDocument.Parse(text).RootElement;
        Assert.Equal(4, feature.GetProperty("id").GetInt64());
        Assert.Equal(30000, feature.GetProperty("properties").GetProperty("investment_wan").GetDouble());
    }

    [Fact]
    public async Task Bbox_filters_items()
    {
        var all = (await GetJsonAsync("/ogcapi/collections/townships/items?limit=100", "application/geo+json")).GetProperty("numberMatched").GetInt64();
        var west = (await GetJsonAsync("/ogcapi/collections/townships/items?bbox=107.9,30.8,108.3,31.7", "application/geo+json")).GetProperty("numberMatched").GetInt64();

        Assert.Equal(40, all);
        Assert.InRange(west, 1, 39);
    }

    [Theory]
    [InlineData("/ogcapi/collections/projects/items?limit=abc", 400, "limit")]
    [InlineData("/ogcapi/collections/projects/items?limit=0", 400, "limit")]
    [InlineData("/ogcapi/collections/projects/items?offset=-1", 400, "offset")]
    [InlineData("/ogcapi/collections/projects/items?bbox=1,2,3", 400, "bbox")]
    [InlineData("/ogcapi/collections/projects/items?bbox=108,31,a,32", 400, "bbox")]
    [InlineData("/ogcapi/collections/projects/items?bbox=108,32,109,31", 400, "bbox")]
    [InlineData("/ogcapi/collections/projects/items?precision=8", 400, "precision")]
    [InlineData("/ogcapi/collections/projects/items?precision=-1", 400, "precision")]
    [InlineData("/ogcapi/collections/projects/items/4?precision=abc", 400, "precision")]
    [InlineData("/ogcapi/collections/nope/items", 404, null)]
    [InlineData("/ogcapi/collections/nope", 404, null)]
    [InlineData("/ogcapi/collections/projects/items/999", 404, null)]
    [InlineData("/ogcapi/collections/projects/items/abc", 404, null)]
    public async Task Bad_requests_get_problem_json_naming_the_parameter(string url, int status, string? parameter)
    {
        await ProblemAnswer.AssertAsync(await _client.GetAsync(url), status, parameter);
    }

    /// <summary>Every link of a collection's description answers, in the media type it names: clients (GDAL, QGIS) follow them as given.</summary>
    [Fact]
    public async Task Every_link_of_a_collection_answers_in_the_type_it_names()
    {
        foreach (var collection in Catalog.All)
        {
            var links = (await GetJsonAsync($"/ogcapi/collections/{collection.Id}")).GetProperty("links").EnumerateArray()
                .Where(l => !l.TryGetProperty("templated", out var templated) || !templated.GetBoolean());
            foreach (var link in links)
            {
                var type = link.GetProperty("type").GetString()!;
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(link.GetProperty("href").GetString()!).PathAndQuery);
                request.Headers.Accept.ParseAdd(type);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{collection.Id}: {link} answers {(int)response.StatusCode}");
                Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task The_viewer_page_is_served_at_the_root()
    {
        var response = await _client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("开州区“小县大城”", html, StringComparison.Ordinal);
    }

    private static List<long> RepoGeoJsonIds(string fileName) =>
        GisDataFile.Features(fileName).Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
}

public sealed class EmbeddedOgcApiTests(EmbeddedServiceFactory factory) : OgcApiCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisOgcApiTests(PostGisServiceFactory factory) : OgcApiCases(factory), IClassFixture<PostGisServiceFactory>;
