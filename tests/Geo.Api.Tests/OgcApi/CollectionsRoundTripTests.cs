namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// <c>/collections</c> on PostGIS answers a repeated call from what the store keeps for the data version: one round
/// trip (the version read), whatever the table size. After a write made by hand in SQL, the extent and time span are
/// those hand-written SQL gives. Own database, because the test changes rows.
/// </summary>
public sealed class CollectionsRoundTripTests(PostGisServiceFactory factory) : IClassFixture<PostGisServiceFactory>
{
    [Fact]
    public async Task A_repeated_collections_call_is_one_round_trip_and_a_write_changes_the_answer()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        await statements.QuietAsync();
        await client.GetStringAsync("/ogcapi/collections");

        var before = await statements.CountAsync();
        var first = Projects(await client.GetStringAsync("/ogcapi/collections"));
        Assert.Equal(before + 1, await statements.CountAsync());

        before = await statements.CountAsync();
        await client.GetStringAsync("/ogcapi/collections/projects");
        Assert.Equal(before + 1, await statements.CountAsync());

        var database = factory.Reference.Database;
        await database.ScalarAsync<int>(
            "WITH u AS (UPDATE projects SET geom = ST_Translate(geom, 0.5, 0.25), start_year = start_year - 7, end_year = end_year + 3 "
            + "WHERE id = (SELECT min(id) FROM projects) RETURNING 1) SELECT count(*)::int FROM u");

        var moved = Projects(await client.GetStringAsync("/ogcapi/collections"));
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

        before = await statements.CountAsync();
        Assert.Equal(moved.GetRawText(), Projects(await client.GetStringAsync("/ogcapi/collections")).GetRawText());
        Assert.Equal(before + 1, await statements.CountAsync());
    }

    private static JsonElement Projects(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "projects");

    private static string Interval(JsonElement collection) => collection.GetProperty("extent").GetProperty("temporal").GetRawText();
}
