using NetTopologySuite.Geometries;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// Extents and counts are kept per version of the collection: asked again without a write to it (a write to another
/// collection included), the store does not scan the table; after a write to it (here made by hand in SQL, as an
/// operator would) it answers the new extent and count. Expected values come
/// from hand-written SQL. Own database, because the test changes rows.
/// </summary>
public sealed class CollectionSummaryTests(PostGisStoreFixture fixture) : IClassFixture<PostGisStoreFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private PostGisFeatureStore Store => (PostGisFeatureStore)fixture.Store;

    private async Task<Envelope?> ExtentAsync(CollectionDefinition collection) =>
        (await Store.GetSummaryAsync(collection, (await Store.GetCollectionVersionsAsync([collection], None))[0], None)).Extent;

    [Fact]
    public async Task Extent_and_count_are_scanned_once_per_version_of_the_collection()
    {
        var first = await ExtentAsync(Catalog.Townships);
        var scans = Store.SummaryScans;
        await fixture.Database.ScalarAsync<int>("WITH d AS (DELETE FROM projects WHERE id = -1 RETURNING 1) SELECT count(*)::int FROM d");
        var again = await ExtentAsync(Catalog.Townships);
        var count = await Store.CountAsync(new FeatureQuery(Catalog.Townships), None);

        Assert.Equal(scans, Store.SummaryScans);
        Assert.Equal(first, again);
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM townships"), count);

        await fixture.Database.ScalarAsync<int>("WITH d AS (DELETE FROM townships WHERE id = (SELECT max(id) FROM townships) RETURNING 1) SELECT count(*)::int FROM d");
        await fixture.Database.ScalarAsync<int>("WITH u AS (UPDATE townships SET geom = ST_Translate(geom, 0.5, 0.25) RETURNING 1) SELECT count(*)::int FROM u");

        var moved = await ExtentAsync(Catalog.Townships);
        Assert.Equal(scans + 1, Store.SummaryScans);
        Assert.NotNull(moved);
        Assert.Equal(await fixture.Database.ScalarAsync<double>("SELECT ST_XMin(ST_Extent(geom)) FROM townships"), moved.MinX, 1e-9);
        Assert.Equal(await fixture.Database.ScalarAsync<double>("SELECT ST_YMax(ST_Extent(geom)) FROM townships"), moved.MaxY, 1e-9);
        Assert.Equal(first!.MaxY + 0.25, moved.MaxY, 1e-6);
        Assert.Equal(count - 1, await Store.CountAsync(new FeatureQuery(Catalog.Townships), None));
        Assert.Equal(scans + 1, Store.SummaryScans);
    }

    [Fact]
    public async Task A_table_without_geometry_has_no_extent_and_is_not_scanned_for_one()
    {
        var scans = Store.SummaryScans;

        Assert.Null(await ExtentAsync(Catalog.Indicators));
        Assert.Equal(scans, Store.SummaryScans);
    }

    [Fact]
    public async Task A_large_unfiltered_first_page_says_the_planner_estimate_until_the_count_is_kept()
    {
        // A limit of 10 rows makes the small test table "large"; deleting a row after ANALYZE makes the estimate stale by one.
        var store = new PostGisFeatureStore(fixture.DataSource, exactCountLimit: 10);
        await using (var connection = await fixture.DataSource.OpenConnectionAsync())
        {
            await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE parcels; DELETE FROM parcels WHERE id = (SELECT max(id) FROM parcels)", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        var reltuples = await fixture.Database.ScalarAsync<long>("SELECT reltuples::bigint FROM pg_class WHERE oid = 'parcels'::regclass");
        var exact = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM parcels");
        var query = new FeatureQuery(Catalog.Parcels) { Limit = 10 };
        Assert.Equal(exact + 1, reltuples);

        await using (var first = await store.QueryPageAsync(query, None))
        {
            Assert.True(first.MatchedIsEstimate);
            Assert.Equal(reltuples, first.Matched);
            Assert.Equal(10, await first.Features.CountAsync());
        }

        await using (var second = await store.QueryPageAsync(query with { Offset = 10 }, None))
        {
            Assert.False(second.MatchedIsEstimate);
            Assert.Equal(exact, second.Matched);
        }

        await using (var kept = await store.QueryPageAsync(query, None))
        {
            Assert.False(kept.MatchedIsEstimate);
            Assert.Equal(exact, kept.Matched);
            Assert.Equal(1, store.SummaryScans);
        }
    }
}
