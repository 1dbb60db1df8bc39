using System.Net.Http.Headers;
using Geo.Api.Tests.OgcApi.Edits;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// Keyset paging (<c>next</c> carries a cursor, not an offset) on both stores: every feature exactly once while rows
/// are inserted between and during the page reads, the order of sortby with nulls and filters, and bad cursors.
/// Expected sets come from hand-written SQL on the reference database (gis-data imported without our store).
/// </summary>
public abstract class KeysetPagingCases(ServiceFactory factory)
{
    private const string Facilities = "/ogcapi/collections/facilities/items";

    private readonly HttpClient _client = factory.CreateClient();

    private sealed record Page(List<(long Id, string? Name)> Features, long Matched, string? Next);

    private async Task<Page> GetPageAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {text}");
        var page = JsonDocument.Parse(text).RootElement;
        var features = page.GetProperty("features").EnumerateArray()
            .Select(f => (f.GetProperty("id").GetInt64(), f.GetProperty("properties").TryGetProperty("name", out var n) ? n.GetString() : null)).ToList();
        var next = page.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
            .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery).FirstOrDefault();
        return new Page(features, page.GetProperty("numberMatched").GetInt64(), next);
    }

    private async Task<List<long>> PageThroughAsync(string url)
    {
        var ids = new List<long>();
        for (string? next = url; next is not null;)
        {
            var page = await GetPageAsync(next);
            ids.AddRange(page.Features.Select(f => f.Id));
            next = page.Next;
            Assert.True(next is null || !next.Contains("offset=", StringComparison.Ordinal), next);
        }

        return ids;
    }

    [Theory]
    [InlineData("parcels", "", "ORDER BY id")]
    [InlineData("projects", "&sortby=stated_area_m2,-category", "ORDER BY stated_area_m2 NULLS LAST, category COLLATE \"C\" DESC NULLS LAST, id")]
    [InlineData("projects", "&sortby=-stated_area_m2,start_year&datetime=2024-01-01/2030-12-31", "WHERE end_year >= 2024 AND start_year <= 2030 ORDER BY stated_area_m2 DESC NULLS LAST, start_year, id")]
    [InlineData("parcels", "&sortby=-township_code,land_use&bbox=108.35,31.12,108.50,31.25", "WHERE geom && ST_MakeEnvelope(108.35, 31.12, 108.50, 31.25, 4490) AND ST_Intersects(geom, ST_MakeEnvelope(108.35, 31.12, 108.50, 31.25, 4490)) ORDER BY township_code COLLATE \"C\" DESC, land_use COLLATE \"C\", id")]
    [InlineData("parcels", "&filter=area_m2 > 20000&sortby=-area_m2", "WHERE area_m2 > 20000 ORDER BY area_m2 DESC, id")]
    public async Task Pages_of_seven_follow_the_sort_order_to_every_feature_once(string collection, string parameters, string sql)
    {
        var expected = await factory.Reference.IdsAsync($"SELECT id FROM {collection} {sql}");
        Assert.True(expected.Count > 14, $"the case needs several pages, has {expected.Count} features");

        var ids = await PageThroughAsync($"/ogcapi/collections/{collection}/items?limit=7" + parameters);

        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task An_offset_request_gets_a_cursor_next_link_that_goes_on_from_there()
    {
        var expected = await factory.Reference.IdsAsync("SELECT id FROM parcels ORDER BY area_m2, id");

        var page = await GetPageAsync("/ogcapi/collections/parcels/items?limit=10&offset=20&sortby=area_m2");
        var rest = await PageThroughAsync(page.Next!);

        Assert.Equal(expected.Skip(20), page.Features.Select(f => f.Id).Concat(rest));
        Assert.Equal(expected.Count, page.Matched);
    }

    [Fact]
    public async Task Every_feature_comes_exactly_once_while_features_are_inserted_before_and_after_the_cursor()
    {
        var (_, token) = await TestAccounts.CreateAsync(factory.Services, Role.Editor);
        var editor = factory.CreateClient();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        async Task<long> InsertAsync(string name)
        {
            var created = await editor.PostAsync(Facilities, FeatureEditCases.Facility(name));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        }

        // Facility names sort by code point: ASCII before Chinese, and 龥 (U+9FA5) after every name in gis-data; the
        // writer's 龥 rows sort before the 龥龥 rows inserted after the cursor.
        var before = await factory.Reference.IdsAsync("SELECT id FROM facilities ORDER BY name COLLATE \"C\", id");
        Assert.Equal(0L, await factory.Reference.LongAsync("SELECT count(*) FROM facilities WHERE name COLLATE \"C\" >= '龥'"));

        // A writer inserting all along (whether a row lands before or after the cursor depends on timing), and, between
        // page reads, one row before the cursor and one after it: the row after must come, the row before must not.
        using var stop = new CancellationTokenSource();
        var background = Task.Run(async () =>
        {
            var inserted = 0;
            for (; !stop.IsCancellationRequested; inserted++)
            {
                await InsertAsync(inserted % 2 == 0 ? $"~ concurrent {inserted:D3}" : $"龥 concurrent {inserted:D3}");
            }

            return inserted;
        });

        var seen = new List<(long Id, string? Name)>();
        var mustCome = new List<long>();
        var mustNotCome = new List<long>();
        var pages = 0;
        for (string? next = Facilities + "?limit=5&sortby=name"; next is not null; pages++)
        {
            var page = await GetPageAsync(next);
            seen.AddRange(page.Features);
            next = page.Next;
            if (next is not null)
            {
                // Classified by the cursor's own name (code point order), not by what the service answers later.
                var cursor = seen[^1].Name!;
                foreach (var name in new[] { $"! before cursor {pages:D3}", $"龥龥 after cursor {pages:D3}" })
                {
                    (string.CompareOrdinal(name, cursor) > 0 ? mustCome : mustNotCome).Add(await InsertAsync(name));
                }
            }
        }

        await stop.CancelAsync();
        Assert.True(await background > 0, "the concurrent writer inserted nothing");

        var ids = seen.Select(f => f.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(before, ids.Where(before.Contains));
        Assert.Subset(ids.ToHashSet(), mustCome.ToHashSet());
        Assert.Empty(ids.Intersect(mustNotCome));
        var names = seen.Select(f => f.Name!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.True(pages > 8, $"only {pages} pages");
        Assert.True(mustCome.Count > 5 && mustNotCome.Count > 5, $"{mustCome.Count} rows inserted after the cursor, {mustNotCome.Count} before");
    }

    [Fact]
    public async Task Offset_paging_under_the_same_inserts_repeats_features_which_is_why_next_carries_a_cursor()
    {
        var (_, token) = await TestAccounts.CreateAsync(factory.Services, Role.Editor);
        var editor = factory.CreateClient();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var ids = new List<long>();
        for (var offset = 0; ; offset += 5)
        {
            var page = await GetPageAsync($"{Facilities}?limit=5&sortby=name&offset={offset}&properties=name");
            ids.AddRange(page.Features.Select(f => f.Id));
            if (page.Features.Count < 5)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.Created, (await editor.PostAsync(Facilities, FeatureEditCases.Facility($"! offset shift {offset:D3}"))).StatusCode);
        }

        Assert.NotEqual(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_tampered_reused_or_garbled_cursor_is_a_400_naming_cursor()
    {
        var sorted = await GetPageAsync("/ogcapi/collections/parcels/items?limit=3&sortby=township_code");
        var cursor = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + sorted.Next).Query)["cursor"]!;
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        var flipped = cursor[..(dot - 2)] + (cursor[dot - 2] == 'A' ? 'B' : 'A') + cursor[(dot - 1)..];

        string[] bad =
        [
            "/ogcapi/collections/parcels/items?cursor=abc",
            "/ogcapi/collections/parcels/items?cursor=%%%.%%%",
            $"/ogcapi/collections/parcels/items?cursor={Uri.EscapeDataString(flipped)}&sortby=township_code",
            $"/ogcapi/collections/parcels/items?cursor={Uri.EscapeDataString(cursor)}",
            $"/ogcapi/collections/parcels/items?cursor={Uri.EscapeDataString(cursor)}&sortby=-township_code",
            $"/ogcapi/collections/zones/items?cursor={Uri.EscapeDataString(cursor)}&sortby=township_code",
            $"/ogcapi/collections/parcels/items?cursor={Uri.EscapeDataString(cursor)}&sortby=township_code&offset=3",
            "/ogcapi/collections/parcels/items?cursor=" + new string('A', 5000) + ".AAAAAAAAAAA",
        ];
        foreach (var url in bad)
        {
            await ProblemAnswer.AssertAsync(await _client.GetAsync(url), 400, "cursor");
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/ogcapi/collections/parcels/items?cursor={Uri.EscapeDataString(cursor)}&sortby=township_code")).StatusCode);
    }

    [Fact]
    public async Task The_search_body_takes_a_cursor_from_a_next_link()
    {
        var expected = await factory.Reference.IdsAsync("SELECT id FROM parcels WHERE area_m2 > 20000 ORDER BY id");
        var first = await GetPageAsync("/ogcapi/collections/parcels/items?limit=4&filter=area_m2 > 20000");
        var cursor = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + first.Next).Query)["cursor"]!;

        var response = await _client.PostAsync("/ogcapi/collections/parcels/search", new StringContent(
            $$"""{"filter":{"op":">","args":[{"property":"area_m2"},20000]},"limit":4,"cursor":"{{cursor}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var second = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.Skip(4).Take(4), second.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }
}

public sealed class EmbeddedKeysetPagingTests(EmbeddedServiceFactory factory) : KeysetPagingCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisKeysetPagingTests(PostGisServiceFactory factory) : KeysetPagingCases(factory), IClassFixture<PostGisServiceFactory>;
