using NetTopologySuite.Geometries;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// A filtered page carries its match count from the same statement (<see cref="PostGisFeatureStore.CountedSelect"/>):
/// the count and the rows are the ones hand-written SQL gives, and the window that counts holds only ids and sort
/// keys, not whole rows (a window over whole rows kept every match's geometry until the first row left, ~3 ms of
/// PostgreSQL's CPU on a 992-parcel page).
/// </summary>
public sealed class CountedPageTests(PostGisStoreFixture database) : IClassFixture<PostGisStoreFixture>
{
    private const string Box = "ST_MakeEnvelope(108.2, 31.0, 108.6, 31.4, 4490)";

    private static readonly FeatureQuery Query = new(Catalog.Parcels)
    {
        Bbox = new Envelope(108.2, 108.6, 31.0, 31.4),
        SortBy = [new SortKey("land_use", Descending: true), new SortKey("area_m2")],
        Limit = 4,
        Offset = 1,
    };

    [Fact]
    public async Task The_count_and_the_rows_are_what_hand_written_SQL_gives()
    {
        var expectedCount = await database.LongAsync($"SELECT count(*) FROM parcels WHERE ST_Intersects(geom, {Box})");
        var expectedIds = await database.IdsAsync(
            $"SELECT id FROM parcels WHERE ST_Intersects(geom, {Box}) ORDER BY land_use COLLATE \"C\" DESC NULLS LAST, area_m2 NULLS LAST, id LIMIT 4 OFFSET 1");
        Assert.InRange(expectedCount, 6, long.MaxValue); // the box holds more than the page, so the count is not the page's

        await using var page = await database.Store.QueryPageAsync(Query, CancellationToken.None);

        Assert.Equal(expectedCount, page.Matched);
        Assert.False(page.MatchedIsEstimate);
        Assert.Equal(expectedIds, await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task The_counting_window_holds_ids_and_sort_keys_not_whole_rows()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var explain = new NpgsqlCommand(null, connection);
        explain.CommandText = "EXPLAIN (VERBOSE, FORMAT JSON) " + PostGisFeatureStore.CountedSelect(Query, explain.Parameters);
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);

        var windows = Nodes(plan.RootElement[0].GetProperty("Plan")).Where(n => n.GetProperty("Node Type").GetString() == "WindowAgg").ToList();
        var window = Assert.Single(windows);
        var output = window.GetProperty("Output").EnumerateArray().Select(o => o.GetString()!).ToList();
        Assert.Equal(4, output.Count); // id, the two sort keys, the count
        Assert.DoesNotContain(output, o => o.Contains("geom", StringComparison.Ordinal) || o.Contains("township_code", StringComparison.Ordinal));
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children)
            ? children.EnumerateArray().SelectMany(Nodes).Prepend(node)
            : [node];
}
