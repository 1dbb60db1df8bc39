namespace Geo.Core.Tests.Stores;

/// <summary>
/// The store cases every <see cref="IFeatureStore"/> must pass. Expected answers come from the raw files, read and
/// filtered by brute force, never from either store.
/// </summary>
public abstract class FeatureStoreCases(IStoreFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private IFeatureStore Store => fixture.Store;

    private async Task<Envelope?> ExtentAsync(CollectionDefinition collection) =>
        (await Store.GetSummaryAsync(collection, (await Store.GetCollectionVersionsAsync([collection], None))[0], None)).Extent;

    public static TheoryData<string> SpatialCollections() => [.. Catalog.All.Where(c => c.HasGeometry).Select(c => c.Id)];

    public static TheoryData<string> Tables() => [.. Catalog.All.Where(c => !c.HasGeometry).Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(SpatialCollections))]
    public async Task Count_equals_the_features_in_the_file(string collectionId)
    {
        var collection = Catalog.Find(collectionId)!;
        var expected = GisDataFile.Read(collection.FileName).Count;

        Assert.Equal(expected, await Store.CountAsync(new FeatureQuery(collection), None));
        Assert.Equal(expected, await Store.QueryAsync(new FeatureQuery(collection), None).CountAsync());
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Tables_hold_every_csv_row(string collectionId)
    {
        var collection = Catalog.Find(collectionId)!;
        var dataLines = File.ReadAllLines(Path.Combine(RepoPaths.GisData, collection.FileName)).Skip(1).Count(l => l.Length > 0 && char.IsAsciiDigit(l[0]));

        Assert.Equal(dataLines, await Store.CountAsync(new FeatureQuery(collection), None));
    }

    [Fact]
    public async Task A_cancelled_query_stops_instead_of_running_on()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var everything = new FeatureQuery(Catalog.Parcels) { Filter = new Geo.Core.Filters.Literal(true) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CountAsync(everything, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.QueryAsync(everything, cancelled.Token).CountAsync());
    }

    [Fact]
    public async Task Get_by_id_returns_the_feature_with_its_properties()
    {
        var raw = GisDataFile.Read("projects.geojson").Single(f => f.Id == 4);

        var project = await Store.GetAsync(Catalog.Projects, 4, None);

        Assert.NotNull(project);
        Assert.Equal(raw.Text("name"), project["name"]);
        Assert.Equal(raw.Number("investment_wan"), project["investment_wan"]);
        Assert.True(raw.Geometry.EqualsExact(project.Geometry!.GetGeometryN(0)) || raw.Geometry.EqualsExact(project.Geometry));
        Assert.Equal(4490, project.Geometry!.SRID);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_returns_null()
    {
        Assert.Null(await Store.GetAsync(Catalog.Projects, 999, None));
    }

    [Fact]
    public async Task Bbox_returns_exactly_the_features_that_intersect_it()
    {
        var box = new Envelope(108.36, 108.46, 31.14, 31.21);
        var boxGeometry = new GeometryFactory().ToGeometry(box);
        foreach (var collection in Catalog.All.Where(c => c.HasGeometry))
        {
            var expected = GisDataFile.Read(collection.FileName).Where(f => f.Geometry.Intersects(boxGeometry)).Select(f => f.Id).Order().ToList();

            var actual = await Store.QueryAsync(new FeatureQuery(collection) { Bbox = box }, None).Select(f => f.Id).ToListAsync();

            Assert.Equal(expected, actual);
            Assert.Equal(expected.Count, await Store.CountAsync(new FeatureQuery(collection) { Bbox = box }, None));
        }
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 5)]
    [InlineData(0, 10_000)]
    [InlineData(100_000, 10)]
    public async Task A_bbox_page_says_exactly_how_many_match(int offset, int limit)
    {
        var box = new Envelope(108.36, 108.46, 31.14, 31.21);
        var boxGeometry = new GeometryFactory().ToGeometry(box);
        var expected = GisDataFile.Read("parcels.geojson").Where(f => f.Geometry.Intersects(boxGeometry)).Select(f => f.Id).Order().ToList();

        await using var page = await Store.QueryPageAsync(new FeatureQuery(Catalog.Parcels) { Bbox = box, Offset = offset, Limit = limit }, None);

        Assert.True(expected.Count > 5);
        Assert.Equal(expected.Count, page.Matched);
        Assert.False(page.MatchedIsEstimate);
        Assert.Equal(expected.Skip(offset).Take(limit), await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task An_unfiltered_page_of_a_small_collection_is_counted_exactly()
    {
        var expected = GisDataFile.Read("parcels.geojson").Select(f => f.Id).Order().ToList();

        await using var page = await Store.QueryPageAsync(new FeatureQuery(Catalog.Parcels) { Limit = 10 }, None);

        Assert.Equal(expected.Count, page.Matched);
        Assert.False(page.MatchedIsEstimate);
        Assert.Equal(expected.Take(10), await page.Features.Select(f => f.Id).ToListAsync());
    }

    [Fact]
    public async Task Intersects_a_polygon_returns_the_projects_in_the_Puli_zone()
    {
        var puli = GisDataFile.Read("zones.geojson").Single(z => z.Text("name") == "浦里高新区").Geometry;
        var expected = GisDataFile.Read("projects.geojson").Where(f => f.Geometry.Intersects(puli)).Select(f => f.Id).Order().ToList();
        var polygon = Geo.Core.Crs.Cgcs2000.GeometryFactory.CreateGeometry(puli);

        var actual = await Store.QueryAsync(new FeatureQuery(Catalog.Projects) { Intersects = polygon }, None).Select(f => f.Id).ToListAsync();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Bbox_and_polygon_must_both_be_intersected()
    {
        // A box over the west of the district and a polygon over the east share no feature.
        var west = new Envelope(107.9, 108.2, 30.8, 31.7);
        var east = Geo.Core.Crs.Cgcs2000.GeometryFactory.ToGeometry(new Envelope(108.6, 108.9, 30.8, 31.7));
        var query = new FeatureQuery(Catalog.Townships) { Bbox = west, Intersects = east };

        Assert.Empty(await Store.QueryAsync(query, None).ToListAsync());
        Assert.Equal(0, await Store.CountAsync(query, None));
    }

    [Fact]
    public async Task Pages_in_id_order_cover_every_feature_once()
    {
        var all = GisDataFile.Read("parcels.geojson").Select(f => f.Id).Order().ToList();
        var paged = new List<long>();
        for (var offset = 0; offset < all.Count; offset += 7)
        {
            var page = await Store.QueryAsync(new FeatureQuery(Catalog.Parcels) { Offset = offset, Limit = 7 }, None).Select(f => f.Id).ToListAsync();
            Assert.InRange(page.Count, 1, 7);
            paged.AddRange(page);
        }

        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task Extent_is_the_envelope_of_every_geometry()
    {
        var expected = new Envelope();
        foreach (var feature in GisDataFile.Read("facilities.geojson"))
        {
            expected.ExpandToInclude(feature.Geometry.EnvelopeInternal);
        }

        var extent = await ExtentAsync(Catalog.Facilities);

        Assert.NotNull(extent);
        Assert.Equal(expected.MinX, extent.MinX, 1e-9);
        Assert.Equal(expected.MaxY, extent.MaxY, 1e-9);
        Assert.Null(await ExtentAsync(Catalog.Indicators));
    }

    /// <summary>Expected time spans read from the gis-data files themselves: projects by year, milestones by date.</summary>
    [Fact]
    public async Task Summary_spans_the_earliest_start_to_the_latest_end()
    {
        var versions = await Store.GetCollectionVersionsAsync([Catalog.Projects, Catalog.Milestones, Catalog.Indicators], None);
        var projects = GisDataFile.Read("projects.geojson");
        static IEnumerable<long> Years(IEnumerable<RawFeature> features, string name) => features
            .Select(f => f.Properties.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : (long?)null)
            .OfType<long>();

        var summary = await Store.GetSummaryAsync(Catalog.Projects, versions[0], None);
        Assert.Equal(Years(projects, "start_year").Min(), summary.FirstTime);
        Assert.Equal(Years(projects, "end_year").Max(), summary.LastTime);
        Assert.NotNull(summary.Extent);

        var dates = File.ReadLines(Path.Combine(RepoPaths.GisData, "milestones.csv")).Skip(1)
            .Select(line => DateOnly.ParseExact(line.Split(',')[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var milestones = await Store.GetSummaryAsync(Catalog.Milestones, versions[1], None);
        Assert.Equal(new CollectionSummary(null, dates.Min(), dates.Max()), milestones);
        Assert.Equal(new CollectionSummary(null, null, null), await Store.GetSummaryAsync(Catalog.Indicators, versions[2], None));
    }
}

public sealed class InMemoryFeatureStoreTests(EmbeddedStoreFixture fixture)
    : FeatureStoreCases(fixture), IClassFixture<EmbeddedStoreFixture>;

public sealed class PostGisFeatureStoreTests(PostGisStoreFixture fixture)
    : FeatureStoreCases(fixture), IClassFixture<PostGisStoreFixture>;
