using System.Diagnostics;
using System.Text;
using Geo.Api.Backends.PostGis.Internal;
using static Geo.Api.Tests.Backends.PostGis.KeptAnswers;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// The data version and the collections' versions, which every ETag of collection metadata, tiles and conditional pages
/// is made from, answered without a round trip while the watch (DataVersionWatch) says the data version is current
/// (KeptVersions). What must hold: an ETag moves with a write made by hand in SQL as soon as its notice arrives, and
/// with a write through the service by the very next request, and an import through the service is answered once its
/// status says it succeeded. Zones are an editable collection of gis-data; the tile is one the zones cross.
/// </summary>
public sealed class KeptVersionsTests(PostGisServiceFactory factory) : IClassFixture<PostGisServiceFactory>
{
    private const string Collections = "/ogcapi/collections";
    private const string Zones = "/ogcapi/collections/zones";
    private const string ZonesTile = "/ogcapi/collections/zones/tiles/WebMercatorQuad/12/1674/3281";

    [Fact]
    public async Task Collection_metadata_a_kept_tile_and_a_page_are_answered_304_without_a_statement()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        using var tile = await client.GetAsync(ZonesTile);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.NotEmpty(await tile.Content.ReadAsByteArrayAsync());

        // A page is read from the database; a conditional request for it needs only the data version.
        foreach (var url in new[] { Collections, Zones, ZonesTile, $"{Zones}/items?limit=2" })
        {
            using var first = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.NotNull(first.Headers.ETag);
            using var notModified = await KeptAsync(client, statements, url, HttpStatusCode.NotModified, first.Headers.ETag);
            Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);
        }
    }

    [Fact]
    public async Task A_write_made_by_hand_in_SQL_moves_the_ETags_when_its_notice_arrives()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        for (var round = 1; round <= 5; round++)
        {
            var tags = new List<string>();
            foreach (var url in new[] { Collections, ZonesTile })
            {
                using var kept = await KeptAsync(client, statements, url);
                tags.Add(kept.Headers.ETag!.Tag);
            }

            await factory.Reference.Database.ScalarAsync<int>(
                "WITH u AS (UPDATE zones SET name = $1 WHERE id = 7 RETURNING 1) SELECT count(*)::int FROM u", $"汉丰湖 by hand {round}");
            var seen = Stopwatch.StartNew();
            foreach (var (url, before) in new[] { Collections, ZonesTile }.Zip(tags))
            {
                while (await TagAsync(client, url) == before)
                {
                    Assert.True(seen.Elapsed < TimeSpan.FromSeconds(5), $"round {round}: {url} kept its ETag 5 s after a write by hand");
                    await Task.Delay(5);
                }
            }

            // The watch reads the version at least once a second anyway; well under that, it was the notice.
            Assert.True(seen.Elapsed < DataVersionWatch.Poll / 2, $"round {round}: the ETags moved after {seen.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    [Fact]
    public async Task A_write_through_the_service_moves_the_ETags_of_the_next_requests()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        using var editor = await EditorAsync(factory);
        for (var round = 1; round <= 10; round++)
        {
            var url = round % 2 == 0 ? Zones : ZonesTile;
            using var kept = await KeptAsync(client, statements, url);
            using var item = await client.GetAsync($"{Zones}/items/8");
            (await PatchNameAsync(editor, $"{Zones}/items/8", item.Headers.ETag!, $"浦里新区 edit {round}")).Dispose();

            using var conditional = await GetAsync(client, url, kept.Headers.ETag);
            Assert.Equal(HttpStatusCode.OK, conditional.StatusCode);
            Assert.NotEqual(kept.Headers.ETag, conditional.Headers.ETag);
        }
    }

    [Fact]
    public async Task An_import_through_the_service_is_answered_once_it_has_succeeded()
    {
        using var client = factory.CreateClient();
        using var statements = new DatabaseStatements(factory.Reference.Database);
        using var admin = factory.CreateClient();
        var (_, token) = await TestAccounts.CreateAsync(factory.Services, Role.Admin);
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // The id the import gives its one row (the greatest ever used, deleted ones too, plus one), kept as a 404 first.
        var next = await factory.Reference.Database.ScalarAsync<long>(
            "SELECT greatest((SELECT max(id) FROM facilities), (SELECT max(feature_id) FROM feature_history WHERE collection = 'facilities'), 0) + 1");
        (await KeptAsync(client, statements, $"/ogcapi/collections/facilities/items/{next}", HttpStatusCode.NotFound)).Dispose();
        using var metadata = await KeptAsync(client, statements, "/ogcapi/collections/facilities");

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(
                """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"school","name":"导入后即答小学","planned":false},"geometry":{"type":"Point","coordinates":[108.404,31.164]}}]}""")),
              "file", "学校.geojson" },
            { new StringContent("facilities"), "collection" },
            { new StringContent("""{"source":"import test file","location_precision":"schematic","illustrative":true}"""), "set" },
        };
        using var accepted = await admin.PostAsync("/api/imports", form);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var waited = Stopwatch.StartNew();
        string? state;
        while ((state = JsonDocument.Parse(await admin.GetStringAsync(accepted.Headers.Location)).RootElement.GetProperty("state").GetString()) is not ("succeeded" or "failed"))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the import did not end within 30 s");
            await Task.Delay(20);
        }

        Assert.Equal("succeeded", state);
        using var item = await client.GetAsync($"/ogcapi/collections/facilities/items/{next}");
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Contains("导入后即答小学", await item.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var changed = await GetAsync(client, "/ogcapi/collections/facilities", metadata.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    private static async Task<string> TagAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }
}
