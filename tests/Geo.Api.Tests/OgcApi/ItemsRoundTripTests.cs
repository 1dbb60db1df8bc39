using System.Net.Http.Headers;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// A filtered items page on PostGIS is one round trip: the data version for its ETag is read in the page's own batch.
/// That ETag must be the one a conditional request (which takes the version first, from memory while the service has
/// heard of no write) gives, answer 304 while nothing changes, and change after a write made by hand in SQL. Own database, because the test changes rows.
/// </summary>
public sealed class ItemsRoundTripTests(PostGisServiceFactory factory) : IClassFixture<PostGisServiceFactory>
{
    private const string Url = "/ogcapi/collections/projects/items?bbox=107,30,110,32&limit=3";

    [Fact]
    public async Task A_bbox_page_is_one_round_trip_and_its_etag_is_the_conditional_one()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        await statements.QuietAsync();
        var expectedIds = await factory.Reference.IdsAsync(
            "SELECT id FROM projects WHERE ST_Intersects(geom, ST_MakeEnvelope(107, 30, 110, 32, 4490)) ORDER BY id LIMIT 3");

        var before = await statements.CountAsync();
        using var first = await client.GetAsync(Url);
        Assert.Equal(before + 1, await statements.CountAsync());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(expectedIds, Ids(await first.Content.ReadAsStringAsync()));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        Assert.Equal(etag, (await ConditionalAsync(client, new EntityTagHeaderValue("\"other\"", isWeak: true))).Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalAsync(client, etag)).StatusCode);

        await factory.Reference.Database.ScalarAsync<int>(
            "WITH u AS (UPDATE projects SET name = name || '（改）' WHERE id = (SELECT min(id) FROM projects) RETURNING 1) SELECT count(*)::int FROM u");

        using var changed = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);

        // A conditional request takes the version the service has heard of (KeptVersions): the write's once its notice
        // has arrived, well under a second.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage conditional;
        while ((conditional = await ConditionalAsync(client, etag)).StatusCode == HttpStatusCode.NotModified)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "the page was still not modified 5 s after a write by hand");
            await Task.Delay(5);
        }

        Assert.Equal(HttpStatusCode.OK, conditional.StatusCode);
        Assert.Equal(changed.Headers.ETag, conditional.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalAsync(client, changed.Headers.ETag!)).StatusCode);
    }

    private static async Task<HttpResponseMessage> ConditionalAsync(HttpClient client, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.IfNoneMatch.Add(tag);
        return await client.SendAsync(request);
    }

    private static List<long> Ids(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToList();
}
