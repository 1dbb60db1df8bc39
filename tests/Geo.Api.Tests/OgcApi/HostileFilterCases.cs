namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// Hostile CQL2 filters over HTTP, on both stores: to the items endpoints and as an overlay's subject filter. Each gets
/// 400 problem+json naming the filter and the limit or the place (never a 500 or a dead process), and the heavy but
/// allowed ones answer what hand-written SQL answers.
/// </summary>
public abstract class HostileFilterCases(ServiceFactory factory)
{
    private const string Items = "/ogcapi/collections/projects/items?filter=";
    private const string Overlay = "/api/analysis/overlay";

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> HostileItemFilters() => new()
    {
        { Items + new string('(', 3000) + "id=1" + new string(')', 3000), "FilterLimits.MaxDepth" },
        { Items + string.Concat(Enumerable.Repeat("NOT(", 1000)) + "id=1" + new string(')', 1000), "FilterLimits.MaxDepth" },
        { Items + "id=" + string.Join("%2B", Enumerable.Repeat("1", 2000)), "FilterLimits.MaxDepth" },
        { "/ogcapi/collections/projects/items?filter-lang=cql2-json&filter=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("""{"op":"not","args":[""", 1000)) + "true" + string.Concat(Enumerable.Repeat("]}", 1000))), "FilterLimits.MaxDepth" },
        { Items + Uri.EscapeDataString("S_INTERSECTS(geometry, POLYGON((108.3 31.1, 108.4 31.1, 108.4 31.2)))"), "closed" },
        { Items + Uri.EscapeDataString("S_INTERSECTS(geometry, LINESTRING(108.3 31.1))"), "geometry" },
        { "/ogcapi/collections/projects/items?filter-crs=EPSG:4545&filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, POINT(9900000 500000))"), "area of use" },
        { Items + Uri.EscapeDataString("investment_wan > 1e400"), "beyond the range" },
    };

    [Theory]
    [MemberData(nameof(HostileItemFilters))]
    public async Task A_hostile_items_filter_gets_400_naming_the_limit_or_the_place(string url, string detail)
    {
        await AssertProblemAsync(await _client.GetAsync(url), detail);
    }

    [Fact]
    public async Task An_in_list_of_70000_values_gets_400_naming_the_limit()
    {
        var body = $$"""{"op":"in","args":[{"property":"id"},[{{string.Join(',', Enumerable.Range(1, 70_000))}}]]}""";

        var response = await _client.PostAsync("/ogcapi/collections/parcels/search", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, "FilterLimits.MaxInListItems");
    }

    [Fact]
    public async Task An_in_list_of_10000_values_selects_what_SQL_selects()
    {
        var odd = Enumerable.Range(0, 10_000).Select(i => (2 * i) + 1);
        var body = $$"""{"op":"in","args":[{"property":"id"},[{{string.Join(',', odd)}}]]}""";
        var expected = await factory.Reference.IdsAsync("SELECT id FROM parcels WHERE id % 2 = 1 AND id < 20000 ORDER BY id");

        var response = await _client.PostAsync("/ogcapi/collections/parcels/search?limit=1000", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, json.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_dozen_like_wildcards_are_answered_at_once_as_SQL_answers()
    {
        // Names are at most a few dozen characters; a backtracking regex took 26 s on one 25-character value.
        const string Pattern = "%a%a%a%a%a%a%a%a%a%a%a%a%b";
        var expected = await factory.Reference.IdsAsync($"SELECT id FROM projects WHERE name LIKE '{Pattern}' OR name LIKE '%开州%' ORDER BY id");

        var response = await _client.GetAsync(Items + Uri.EscapeDataString($"name LIKE '{Pattern}' OR name LIKE '%开州%'")).WaitAsync(TimeSpan.FromSeconds(30));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, json.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }

    public static TheoryData<string, string> HostileOverlayFilters() => new()
    {
        { "\"investment_wan + 'a' > 1\"", "type mismatch" },
        { "\"(0 - investment_wan) ^ 0.5 > 1\"", "" },
        { """{"op":">","args":[{"op":"^","args":[{"op":"-","args":[0,{"property":"investment_wan"}]},0.5]},1]}""", "" },
        { "\"S_INTERSECTS(geometry, POLYGON((108.3 31.1, 108.4 31.1, 108.4 31.2)))\"", "closed" },
        { "\"" + new string('(', 3000) + "id = 1" + new string(')', 3000) + "\"", "FilterLimits.MaxDepth" },
    };

    [Theory]
    [MemberData(nameof(HostileOverlayFilters))]
    public async Task A_hostile_overlay_subject_filter_gets_400_naming_the_filter(string filter, string detail)
    {
        var body = $$"""{"collection":"projects","filter":{{filter}},"layers":[{"layer":"parcels"}]}""";

        await AssertProblemAsync(await _client.PostAsync(Overlay, new StringContent(body, Encoding.UTF8, "application/json")), detail);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal("filter", problem.GetProperty("parameter").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class EmbeddedHostileFilterTests(EmbeddedServiceFactory factory) : HostileFilterCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisHostileFilterTests(PostGisServiceFactory factory) : HostileFilterCases(factory), IClassFixture<PostGisServiceFactory>;
