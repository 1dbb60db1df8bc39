using System.Diagnostics;
using static Geo.Api.Tests.Backends.PostGis.KeptAnswers;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// <c>/collections</c> on PostGIS answers a repeated call from what the store keeps for the collections' versions, and
/// those from what the service has heard of the data version (KeptVersions): no round trip, whatever the table size.
/// After a write made by hand in SQL (heard of when its notice arrives), the extent and time span are those
/// hand-written SQL gives. Own database, because the test changes rows.
/// </summary>
public sealed class CollectionsRoundTripTests(PostGisServiceFactory factory) : IClassFixture<PostGisServiceFactory>
{
    [Fact]
    public async Task A_repeated_collections_call_needs_no_round_trip_and_a_write_changes_the_answer()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        await statements.QuietAsync();
        using var kept = await KeptAsync(client, statements, "/ogcapi/collections");
        var first = Projects(await kept.Content.ReadAsStringAsync());
        (await KeptAsync(client, statements, "/ogcapi/collections/projects")).Dispose();

        var database = factory.Reference.Database;
        await database.ScalarAsync<int>(
            "WITH u AS (UPDATE projects SET geom = ST_Translate(geom, 0.5, 0.25), start_year = start_year - 7, end_year = end_year + 3 "
            + "WHERE id = (SELECT min(id) FROM projects) RETURNING 1) SELECT count(*)::int FROM u");

        var waited = Stopwatch.StartNew();
        JsonElement moved;
        while (Interval(moved = Projects(await client.GetStringAsync("/ogcapi/collections"))) == Interval(first))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "/collections was still the one before the write 5 s after it");
            await Task.Delay(5);
        }

        var bbox = moved.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var expected = await factory.Reference.BoxAsync(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM projects) x");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], bbox[i], 1e-9);
        }

        var years = await factory.Reference.IdsAsync("SELECT min(start_year) FROM projects UNION ALL SELECT max(end_year) FROM projects");
        Assert.Equal(
            [$"{years[0]}-01-01T00:00:00Z", $"{years[1]}-12-31T23:59:59Z"],
            moved.GetProperty("extent").GetProperty("temporal").GetProperty("interval")[0].EnumerateArray().Select(v => v.GetString()));
        Assert.NotEqual(Interval(first), Interval(moved));

        using var again = await KeptAsync(client, statements, "/ogcapi/collections");
        Assert.Equal(moved.GetRawText(), Projects(await again.Content.ReadAsStringAsync()).GetRawText());
    }

    private static JsonElement Projects(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "projects");

    private static string Interval(JsonElement collection) => collection.GetProperty("extent").GetProperty("temporal").GetRawText();
}
