using Geo.Api.Tests.OgcApi;

namespace Geo.Api.Tests.Search;

/// <summary>
/// <c>GET /api/search</c> on both stores, every expected hit found by hand-written SQL on the reference PostGIS.
/// </summary>
public abstract class SearchApiCases(ServiceFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Part_of_a_project_name_finds_exactly_the_projects_whose_name_contains_it_with_their_bounding_box()
    {
        var expected = await factory.Reference.IdsAsync("SELECT id FROM projects WHERE strpos(name, '胡桥') > 0 ORDER BY id");

        var hits = await HitsAsync("胡桥");

        Assert.Contains(12L, expected);
        Assert.Equal(expected, hits.Where(h => h.Collection == "projects").Select(h => h.Id));
        var twelve = hits.Single(h => h is { Collection: "projects", Id: 12 });
        Assert.Contains("胡桥", twelve.Label, StringComparison.Ordinal);
        var box = await factory.Reference.BoxAsync("SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom) FROM projects WHERE id = 12");
        Assert.Equal(box, twelve.Bbox!, new Tolerance(1e-9));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("序号12")]
    [InlineData(" #12 ")]
    public async Task A_number_finds_the_project_with_that_序号_first_then_the_zone_and_parcel_with_that_number(string q)
    {
        var expected = new List<(string, long)>();
        foreach (var table in new[] { "projects", "zones", "parcels" })
        {
            expected.AddRange((await factory.Reference.IdsAsync($"SELECT id FROM {table} WHERE id = 12")).Select(id => (table, id)));
        }

        var hits = await HitsAsync(q);

        Assert.Equal(("projects", 12L), (hits[0].Collection, hits[0].Id));
        Assert.Equal(expected, hits.Take(expected.Count).Select(h => (h.Collection, h.Id)));
    }

    [Fact]
    public async Task A_township_name_puts_the_township_seat_first_before_projects_that_mention_it()
    {
        var name = await factory.Reference.TextAsync("SELECT name FROM townships WHERE id = 500154001");
        var mentioning = await factory.Reference.IdsAsync($"SELECT id FROM projects WHERE strpos(name, '{name}') > 0 ORDER BY id");

        var hits = await HitsAsync(name, limit: 50);

        Assert.Equal(("townships", 500154001L), (hits[0].Collection, hits[0].Id));
        Assert.Equal(mentioning, hits.Where(h => h.Collection == "projects").Select(h => h.Id));
        Assert.Equal(hits[0].Bbox![0], hits[0].Bbox![2]);
    }

    [Fact]
    public async Task A_facility_name_finds_the_facility_first_and_a_township_code_finds_the_seat()
    {
        var facility = await factory.Reference.TextAsync("SELECT name FROM facilities WHERE id = 1");

        var byName = await HitsAsync(facility);
        var byCode = await HitsAsync("500154001");

        Assert.Equal(("facilities", 1L), (byName[0].Collection, byName[0].Id));
        Assert.Contains(byCode, h => h is { Collection: "townships", Id: 500154001 });
    }

    [Fact]
    public async Task Like_wildcards_typed_by_the_user_are_searched_literally_and_limit_caps_the_hits()
    {
        var percent = await factory.Reference.IdsAsync("SELECT id FROM projects WHERE strpos(name, '%') > 0");
        var towns = await factory.Reference.IdsAsync("SELECT id FROM townships WHERE strpos(name, '镇') > 0");

        Assert.Empty(percent);
        Assert.Empty(await HitsAsync("%"));
        Assert.Empty(await HitsAsync("_"));
        Assert.True(towns.Count > 3);
        Assert.Equal(3, (await HitsAsync("镇", limit: 3)).Count);
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("?q=%20%20", "q")]
    [InlineData("?q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "q")]
    [InlineData("?q=镇&limit=0", "limit")]
    [InlineData("?q=镇&limit=51", "limit")]
    public async Task Bad_input_is_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await _client.GetAsync(new Uri("/api/search" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_a_400_problem()
    {
        var response = await _client.GetAsync(new Uri("/api/search?q=镇&limit=many", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private sealed record Hit(string Collection, long Id, string Label, double[]? Bbox);

    private async Task<List<Hit>> HitsAsync(string q, int? limit = null)
    {
        var url = "/api/search?q=" + Uri.EscapeDataString(q) + (limit is { } l ? $"&limit={l}" : string.Empty);
        var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(q.Trim(), json.GetProperty("query").GetString());
        return json.GetProperty("results").EnumerateArray().Select(r => new Hit(
            r.GetProperty("collection").GetString()!,
            r.GetProperty("id").GetInt64(),
            r.GetProperty("label").GetString()!,
            r.GetProperty("bbox").ValueKind == JsonValueKind.Null ? null : r.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray())).ToList();
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}

public sealed class EmbeddedSearchApiTests(EmbeddedServiceFactory factory) : SearchApiCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisSearchApiTests(PostGisServiceFactory factory) : SearchApiCases(factory), IClassFixture<PostGisServiceFactory>;
