using Geo.Api.GisData;
using Geo.Core.Stores.InMemory;

namespace Geo.Core.Tests.Stores.InMemory;

/// <summary>
/// An embedded page counts its matches exactly up to <see cref="InMemoryFeatureStore.ExactMatchLimit"/> past its rows
/// and estimates past that: the matches counted over the rows examined for them (in id order), times all the rows the
/// query examines. Expected numbers come from gis-data's parcels read and filtered by brute force here.
/// </summary>
public sealed class CountUpToTests
{
    private static readonly InMemoryFeatureStore Store = new(GisDataFolder.Load(RepoPaths.GisData)) { ExactMatchLimit = 5 };

    private static readonly List<RawFeature> Parcels = [.. GisDataFile.Read("parcels.geojson").OrderBy(f => f.Id)];

    private static FeatureQuery Filtered(string cql2) => Cql2Queries.Filtered(Catalog.Parcels, cql2);

    [Fact]
    public async Task Up_to_the_limit_past_the_page_the_count_is_exact()
    {
        var matches = Parcels.Where(p => p.Text("land_use_code") == "0701").Select(p => p.Id).ToList();
        Assert.Equal(12, matches.Count);

        // 3 before the page, 4 in it, 5 past it: all 12 counted.
        await using var page = await Store.QueryPageAsync(Filtered("land_use_code = '0701'") with { Offset = 3, Limit = 4 }, CancellationToken.None);

        Assert.Equal(12, page.Matched);
        Assert.False(page.MatchedIsEstimate);
        Assert.Equal(matches.Skip(3).Take(4), await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task Past_the_limit_a_filter_is_estimated_from_the_rows_examined()
    {
        var matches = Parcels.Where(p => p.Text("land_use_code") == "0701").Select(p => p.Id).ToList();

        // 1 + 2 + 5 counted and a ninth found: the ninth match is the n-th parcel in id order, so 9 of n matched.
        var examined = Parcels.FindIndex(p => p.Id == matches[8]) + 1;
        var expected = (long)Math.Round(9.0 * Parcels.Count / examined);

        await using var page = await Store.QueryPageAsync(Filtered("land_use_code = '0701'") with { Offset = 1, Limit = 2 }, CancellationToken.None);

        Assert.True(page.MatchedIsEstimate);
        Assert.Equal(Math.Max(9, expected), page.Matched);
        Assert.Equal(matches.Skip(1).Take(2), await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task Past_the_limit_a_box_is_estimated_over_its_envelope_hits()
    {
        var box = new Envelope(108.2, 108.6, 31.0, 31.4);
        var boxGeometry = Cgcs2000.GeometryFactory.ToGeometry(box);
        var hits = Parcels.Where(p => p.Geometry.EnvelopeInternal.Intersects(box)).ToList();
        var matches = hits.Where(p => p.Geometry.Intersects(boxGeometry)).Select(p => p.Id).ToList();
        Assert.True(matches.Count > 10, $"{matches.Count} parcels in the box");
        var examined = hits.FindIndex(p => p.Id == matches[7]) + 1;
        var expected = (long)Math.Round(8.0 * hits.Count / examined);

        // 0 + 2 + 5 counted and an eighth found.
        await using var page = await Store.QueryPageAsync(new FeatureQuery(Catalog.Parcels) { Bbox = box, Limit = 2 }, CancellationToken.None);

        Assert.True(page.MatchedIsEstimate);
        Assert.Equal(Math.Max(8, expected), page.Matched);
        Assert.Equal(matches.Take(2), await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task A_sorted_page_counts_every_match()
    {
        var expected = Parcels.Count(p => p.Text("land_use_code") == "0701");

        await using var page = await Store.QueryPageAsync(
            Filtered("land_use_code = '0701'") with { SortBy = [new SortKey("area_m2")], Limit = 2 }, CancellationToken.None);

        Assert.Equal(expected, page.Matched);
        Assert.False(page.MatchedIsEstimate);
    }

    [Fact]
    public async Task An_export_snapshot_counts_exactly()
    {
        var expected = Parcels.Count(p => p.Text("land_use_code") == "0701");

        await using var snapshot = await Store.QuerySnapshotAsync(Filtered("land_use_code = '0701'") with { Limit = 2 }, CancellationToken.None);

        Assert.Equal(expected, snapshot.Matched);
        Assert.False(snapshot.MatchedIsEstimate);
    }

    [Fact]
    public async Task Boxes_asked_in_turn_each_select_their_own_features()
    {
        // The packed rows keep the last search's R-tree hits for the page's second pass; another box must not reuse them.
        Envelope[] boxes = [new(108.1, 108.3, 30.9, 31.2), new(108.3, 108.55, 31.1, 31.4), new(108.1, 108.3, 30.9, 31.2)];
        foreach (var box in boxes)
        {
            var expected = Parcels.Where(p => p.Geometry.Intersects(Cgcs2000.GeometryFactory.ToGeometry(box))).Select(p => p.Id).ToList();
            await using var page = await Store.QueryPageAsync(new FeatureQuery(Catalog.Parcels) { Bbox = box, Limit = 100 }, CancellationToken.None);

            Assert.NotEmpty(expected);
            Assert.Equal(expected, await page.Features.Select(f => f.Id).ToListAsync());
            Assert.Equal(expected.Count, await Store.CountAsync(new FeatureQuery(Catalog.Parcels) { Bbox = box }, CancellationToken.None));
        }
    }
}
