using NetTopologySuite.Geometries;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// A filtered page carries its match count from the same statement (<see cref="PostGisFeatureStore.CountedSelect"/>):
/// the count and the rows are the ones hand-written SQL gives, and the window that counts holds only ids and sort
/// keys, not whole rows (a window over whole rows kept every match's geometry until the first row left, ~3 ms of
/// PostgreSQL's CPU on a 992-parcel page). An unsorted page counts at most 5 matches past itself here
/// (<c>exactMatchLimit</c>), then says an estimate equal to the one hand-written EXPLAIN gives.
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
        Assert.Equal(5, output.Count); // id, the two sort keys, the greatest id, the count
        Assert.DoesNotContain(output, o => o.Contains("geom", StringComparison.Ordinal) || o.Contains("township_code", StringComparison.Ordinal));
    }

    /// <summary>A store that counts at most 5 matches past a page exactly, so gis-data's 12 parcels of 0701 are "many".</summary>
    private PostGisFeatureStore Capped => new(database.DataSource, exactMatchLimit: 5);

    private static FeatureQuery Filtered(string cql2) => Cql2Queries.Filtered(Catalog.Parcels, cql2);

    [Fact]
    public async Task Up_to_the_limit_past_the_page_the_count_is_exact()
    {
        var expectedIds = await database.IdsAsync("SELECT id FROM parcels WHERE land_use_code = '0701' ORDER BY id LIMIT 4 OFFSET 3");
        Assert.Equal(12, await database.LongAsync("SELECT count(*) FROM parcels WHERE land_use_code = '0701'"));

        // 3 + 4 + 5: the page's window counts exactly 12, all there are.
        await using var page = await Capped.QueryPageAsync(Filtered("land_use_code = '0701'") with { Offset = 3, Limit = 4 }, CancellationToken.None);

        Assert.Equal(12, page.Matched);
        Assert.False(page.MatchedIsEstimate);
        Assert.Equal(expectedIds, await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task Past_the_limit_the_number_is_the_planners_estimate_and_the_page_is_the_same()
    {
        var planned = await PlannedRowsAsync("SELECT 1 FROM parcels WHERE land_use_code = '0701'");
        var expectedIds = await database.IdsAsync("SELECT id FROM parcels WHERE land_use_code = '0701' ORDER BY id LIMIT 2 OFFSET 1");

        // 1 + 2 + 5 = 8 counted exactly at most; the window read a ninth, so at least 9 match.
        Assert.True(planned >= 9, $"the planner expects {planned}");
        await using var page = await Capped.QueryPageAsync(Filtered("land_use_code = '0701'") with { Offset = 1, Limit = 2 }, CancellationToken.None);

        Assert.True(page.MatchedIsEstimate);
        Assert.Equal(planned, page.Matched);
        Assert.Equal(expectedIds, await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task A_planners_guess_below_what_was_counted_gives_way_to_the_share_of_ids_scanned()
    {
        // lower(column) LIKE has no statistics: the planner guesses 0.5 % of the rows.
        var planned = await PlannedRowsAsync("SELECT 1 FROM parcels WHERE lower(land_use_code) LIKE '0701'");
        var expectedIds = await database.IdsAsync("SELECT id FROM parcels WHERE land_use_code = '0701' ORDER BY id LIMIT 2 OFFSET 1");

        // 1 + 2 + 5 counted and a ninth found: 9 matches among the ids up to the ninth's, of all the table's ids.
        var ninth = (await database.IdsAsync("SELECT id FROM parcels WHERE land_use_code = '0701' ORDER BY id"))[8];
        var scanned = await PlannedRowsAsync($"SELECT 1 FROM parcels WHERE id > {long.MinValue} AND id <= {ninth}");
        var all = await PlannedRowsAsync($"SELECT 1 FROM parcels WHERE id > {long.MinValue}");

        Assert.True(planned < 9, $"the planner expects {planned}");
        await using var page = await Capped.QueryPageAsync(Filtered("CASEI(land_use_code) LIKE CASEI('0701')") with { Offset = 1, Limit = 2 }, CancellationToken.None);

        Assert.True(page.MatchedIsEstimate);
        Assert.Equal(Math.Max(9, (long)Math.Round(9.0 * all / scanned)), page.Matched);
        Assert.Equal(expectedIds, await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task A_sorted_page_counts_every_match_it_sorts()
    {
        var expected = await database.LongAsync("SELECT count(*) FROM parcels WHERE land_use_code = '0701'");

        await using var page = await Capped.QueryPageAsync(
            Filtered("land_use_code = '0701'") with { SortBy = [new SortKey("area_m2")], Limit = 2 }, CancellationToken.None);

        Assert.False(page.MatchedIsEstimate);
        Assert.Equal(expected, page.Matched);
    }

    [Fact]
    public async Task A_bbox_is_estimated_as_ST_Intersects_alone()
    {
        const string District = "ST_MakeEnvelope(107.9, 30.8, 108.95, 31.7, 4490)";
        var planned = await PlannedRowsAsync($"SELECT 1 FROM parcels WHERE ST_Intersects(geom, {District})");
        var matched = await database.LongAsync($"SELECT count(*) FROM parcels WHERE ST_Intersects(geom, {District})");
        var expectedIds = await database.IdsAsync($"SELECT id FROM parcels WHERE ST_Intersects(geom, {District}) ORDER BY id LIMIT 4 OFFSET 1");
        Assert.True(matched > 10, $"{matched} parcels in the district's box");

        Assert.True(planned >= 1 + 4 + 5 + 1, $"the planner expects {planned}");
        await using var page = await Capped.QueryPageAsync(Query with { Bbox = new Envelope(107.9, 108.95, 30.8, 31.7), SortBy = [] }, CancellationToken.None);

        Assert.True(page.MatchedIsEstimate);
        Assert.Equal(planned, page.Matched);
        Assert.Equal(expectedIds, await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task Keyset_pages_past_the_limit_return_every_match_once_and_the_last_pages_count_exactly()
    {
        var expectedIds = await database.IdsAsync("SELECT id FROM parcels WHERE land_use_code = '0701' ORDER BY id");
        var planned = await PlannedRowsAsync("SELECT 1 FROM parcels WHERE land_use_code = '0701'");
        Assert.True(planned >= 12, $"the planner expects {planned}"); // not below any page's own count
        var store = Capped;
        var query = Filtered("land_use_code = '0701'") with { Limit = 2 };
        var seen = new List<long>();
        var estimated = new List<bool>();
        long lastMatched = 0;
        FeatureCursor? after = null;
        do
        {
            await using var page = await store.QueryPageAsync(query with { After = after }, CancellationToken.None);
            var ids = await page.Features.Select(f => f.Id).ToListAsync();
            seen.AddRange(ids);
            estimated.Add(page.MatchedIsEstimate);
            lastMatched = page.Matched;
            after = ids.Count == 2 ? new FeatureCursor([], ids[^1], seen.Count) : null;
        }
        while (after is not null);

        Assert.Equal(expectedIds, seen);

        // Pages 1–3 start with 12, 10 and 8 matches ahead, more than 2 + 5; page 4 has 6 ahead.
        Assert.Equal([true, true, true, false, false, false, false], estimated);
        Assert.Equal(12, lastMatched);
    }

    [Theory]
    [InlineData(5, false, 0)] // 94 parcels over the extent, more than half a match expected in the box: planned for each box
    [InlineData(PostGisFeatureStore.DefaultExactMatchLimit, false, 1)] // fewer than 1,000 expected: PostgreSQL's generic plan
    [InlineData(PostGisFeatureStore.DefaultExactMatchLimit, true, 0)] // a CQL2 s_intersects: planned for its geometry
    public async Task A_box_that_may_match_many_is_planned_for_itself_on_that_page_only(int exactMatchLimit, bool cql2, int genericAtLeast)
    {
        // One pooled connection, so the page statement's plan counts and the setting after it are that connection's.
        await using var dataSource = PostGisDataSource.Create(database.Database.ConnectionString + ";Maximum Pool Size=1");
        var store = new PostGisFeatureStore(dataSource, exactMatchLimit: exactMatchLimit);
        await store.GetSummaryAsync(Catalog.Parcels, (await store.GetCollectionVersionsAsync([Catalog.Parcels], CancellationToken.None))[0], CancellationToken.None);
        var box = cql2
            ? Filtered("S_INTERSECTS(geometry, POLYGON((108.2 31.0, 108.6 31.0, 108.6 31.4, 108.2 31.4, 108.2 31.0)))") with { Limit = 4 }
            : Query with { Bbox = new Envelope(108.2, 108.6, 31.0, 31.4), Offset = 0 };

        for (var i = 0; i < 10; i++)
        {
            await using var page = await store.QueryPageAsync(box, CancellationToken.None);
            await page.Features.CountAsync();
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var plans = new NpgsqlCommand(
            "SELECT generic_plans, custom_plans, current_setting('plan_cache_mode') FROM pg_prepared_statements WHERE statement LIKE '%page_matched%'", connection);
        await using var reader = await plans.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the page statement was not prepared");
        var (generic, custom) = (reader.GetInt64(0), reader.GetInt64(1));
        Assert.True(genericAtLeast == 0 ? generic == 0 : generic >= genericAtLeast, $"{generic} generic plans, {custom} custom");
        Assert.True(custom >= 5, $"{custom} custom plans");
        Assert.Equal("auto", reader.GetString(2)); // the setting ended with the page's batch
    }

    /// <summary>The planner's rows for <paramref name="sql"/>, after ANALYZE: the store's estimate must not depend on when autovacuum ran.</summary>
    private async Task<long> PlannedRowsAsync(string sql)
    {
        await using (var analyze = database.DataSource.CreateCommand("ANALYZE parcels"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        using var plan = JsonDocument.Parse(await database.TextAsync("EXPLAIN (FORMAT JSON) " + sql));
        return (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children)
            ? children.EnumerateArray().SelectMany(Nodes).Prepend(node)
            : [node];
}
