using Geo.Core.Domain;
using Geo.Core.Stores;
using Geo.Core.Stores.PostGis;
using Geo.Testing;

namespace Geo.Core.Tests.Stores.PostGis;

/// <summary>
/// Extents and counts are kept per data version: asked again without a write, the store does not scan the table; after
/// a write (here made by hand in SQL, as an operator would) it answers the new extent and count. Expected values come
/// from hand-written SQL. Own database, because the test changes rows.
/// </summary>
public sealed class CollectionSummaryTests(PostGisStoreFixture fixture) : IClassFixture<PostGisStoreFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private PostGisFeatureStore Store => (PostGisFeatureStore)fixture.Store;

    [Fact]
    public async Task Extent_and_count_are_scanned_once_per_data_version()
    {
        var first = await Store.GetExtentAsync(Catalog.Townships, None);
        var scans = Store.SummaryScans;
        var again = await Store.GetExtentAsync(Catalog.Townships, None);
        var count = await Store.CountAsync(new FeatureQuery(Catalog.Townships), None);

        Assert.Equal(scans, Store.SummaryScans);
        Assert.Equal(first, again);
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM townships"), count);

        await fixture.Database.ScalarAsync<int>("WITH d AS (DELETE FROM townships WHERE id = (SELECT max(id) FROM townships) RETURNING 1) SELECT count(*)::int FROM d");
        await fixture.Database.ScalarAsync<int>("WITH u AS (UPDATE townships SET geom = ST_Translate(geom, 0.5, 0.25) RETURNING 1) SELECT count(*)::int FROM u");

        var moved = await Store.GetExtentAsync(Catalog.Townships, None);
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

        Assert.Null(await Store.GetExtentAsync(Catalog.Indicators, None));
        Assert.Equal(scans, Store.SummaryScans);
    }
}
