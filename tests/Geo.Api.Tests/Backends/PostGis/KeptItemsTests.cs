using System.Diagnostics;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.Tests.OgcApi.Edits;
using static Geo.Api.Tests.Backends.PostGis.KeptAnswers;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// <c>items/{id}</c> of an editable collection answered again without a round trip while the data version is the one
/// the answer was read at (KeptItems), the version learned by listening (DataVersionWatch, migration 0013). What must
/// hold: a write through the service is read back by the very next request; a write made by hand in SQL is answered
/// as soon as its notice arrives, not a poll later; without the listening connection every item is read from the
/// database. Zones are an editable collection of gis-data; each test changes a zone of its own.
/// </summary>
public sealed class KeptItemsTests(PostGisServiceFactory factory) : IClassFixture<PostGisServiceFactory>
{
    private static string Zone(long id) => $"/ogcapi/collections/zones/items/{id}";

    [Fact]
    public async Task A_kept_item_is_answered_again_without_a_statement_and_with_the_same_answer()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        using var first = await client.GetAsync(Zone(1));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var again = await KeptAsync(client, statements, Zone(1));

        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(await factory.Reference.Database.ScalarAsync<string>("SELECT name FROM zones WHERE id = 1"), Name(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_write_made_by_hand_in_SQL_is_answered_when_its_notice_arrives_not_a_poll_later()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        await KeptAsync(client, statements, Zone(2));

        for (var round = 1; round <= 5; round++)
        {
            var name = $"汉丰湖 by hand {round}";
            await factory.Reference.Database.ScalarAsync<int>(
                "WITH u AS (UPDATE zones SET name = $1 WHERE id = 2 RETURNING 1) SELECT count(*)::int FROM u", name);
            var seen = Stopwatch.StartNew();
            while (Name(await client.GetStringAsync(Zone(2))) != name)
            {
                Assert.True(seen.Elapsed < TimeSpan.FromSeconds(5), $"round {round}: the hand-made write was not answered within 5 s");
                await Task.Delay(5);
            }

            // The watch reads every version at least once a second anyway; well under that, it was the notice.
            Assert.True(seen.Elapsed < DataVersionWatch.Poll / 2, $"round {round}: answered after {seen.Elapsed.TotalMilliseconds:F0} ms");
            await KeptAsync(client, statements, Zone(2));
        }
    }

    [Fact]
    public async Task A_write_through_the_service_is_read_back_by_the_next_request()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        using var editor = await EditorAsync(factory);

        for (var round = 1; round <= 10; round++)
        {
            using var kept = await KeptAsync(client, statements, Zone(3));
            var name = $"浦里新区 edit {round}";
            using var patched = await PatchNameAsync(editor, Zone(3), kept.Headers.ETag!, name);

            using var read = await client.GetAsync(Zone(3));
            Assert.Equal(name, Name(await read.Content.ReadAsStringAsync()));
            Assert.Equal(patched.Headers.ETag, read.Headers.ETag);
        }
    }

    [Fact]
    public async Task Without_the_listening_connection_items_are_read_from_the_database_until_it_is_back()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        var database = factory.Reference.Database;
        await KeptAsync(client, statements, Zone(4));

        // Every listener in this database: a service another test disposed may still be leaving.
        const string Listeners = "SELECT coalesce(array_agg(pid ORDER BY pid), '{}') FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1";
        var listeners = await database.ScalarAsync<int[]>(Listeners, DataVersionWatch.ApplicationName);
        Assert.NotEmpty(listeners);
        await database.ScalarAsync<object>("SELECT count(pg_terminate_backend(pid)) FROM unnest($1::int[]) pid", listeners);
        await WaitAsync(async () => await ReadsAsync(client, statements, Zone(4)) == 1, "an item read from the database once the listener is gone");
        await database.ScalarAsync<int>("WITH u AS (UPDATE zones SET name = '不在听' WHERE id = 4 RETURNING 1) SELECT count(*)::int FROM u");
        Assert.Equal("不在听", Name(await client.GetStringAsync(Zone(4))));

        await WaitAsync(async () => (await database.ScalarAsync<int[]>(Listeners, DataVersionWatch.ApplicationName)).Except(listeners).Any(),
            "listening again on a new connection");
        using var kept = await KeptAsync(client, statements, Zone(4));
        Assert.Equal("不在听", Name(await kept.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_kept_404_and_a_kept_feature_follow_a_create_and_a_delete_through_the_service()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        using var editor = await EditorAsync(factory);

        var url = "";
        for (var round = 1; round <= 5; round++)
        {
            // The id the service gives next (the greatest ever used, history included, plus one), kept as a 404 first.
            var next = await factory.Reference.Database.ScalarAsync<long>(
                "SELECT greatest((SELECT max(id) FROM facilities), (SELECT max(feature_id) FROM feature_history WHERE collection = 'facilities'), 0) + 1");
            url = $"/ogcapi/collections/facilities/items/{next}";
            (await KeptAsync(client, statements, url, HttpStatusCode.NotFound)).Dispose();

            using var created = await editor.PostAsync("/ogcapi/collections/facilities/items", FeatureEditCases.Facility($"kept, then created {round}"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.EndsWith($"/items/{next}", created.Headers.Location?.ToString(), StringComparison.Ordinal);
            using var read = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal($"kept, then created {round}", Name(await read.Content.ReadAsStringAsync()));
        }

        using var kept = await KeptAsync(client, statements, url);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, url);
        delete.Headers.IfMatch.Add(kept.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task At_most_the_configured_number_of_answers_are_kept_and_zero_keeps_none()
    {
        using var statements = new DatabaseStatements(factory.Reference.Database);
        await using (var one = factory.WithWebHostBuilder(b => b.UseSetting("Database:KeptItems", "1")))
        {
            using var client = one.CreateClient();
            await KeptAsync(client, statements, Zone(5));
            await KeptAsync(client, statements, Zone(6));
            await statements.QuietAsync();

            Assert.Equal(1, await ReadsAsync(client, statements, Zone(5)));
        }

        await using var none = factory.WithWebHostBuilder(b => b.UseSetting("Database:KeptItems", "0"));
        using var uncached = none.CreateClient();
        await uncached.GetAsync(Zone(5));
        await statements.QuietAsync();

        // Counted once around all twenty: each count waits for every statement of the process then open, other test
        // classes' too (DatabaseStatements), and forty counts once took ten minutes beside a long one.
        var before = await statements.CountAsync();
        for (var i = 0; i < 20; i++)
        {
            using var response = await uncached.GetAsync(Zone(5));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(50);
        }

        Assert.Equal(20, await statements.CountAsync() - before);
    }

    private static string? Name(string feature) => JsonDocument.Parse(feature).RootElement.GetProperty("properties").GetProperty("name").GetString();
}
