using Geo.Core.Stores.InMemory;

namespace Geo.Core.Tests.Stores.InMemory;

/// <summary>
/// The embedded store's R-tree (internal, so seen through the store's bbox queries) finds every feature whose geometry
/// meets the box: the expected answer is NTS's own intersection test over every feature, no index involved. Boxes
/// and shapes sit on a coarse grid, so that edges touching exactly (a box edge on a parcel edge, a point on a box
/// edge) are common.
/// </summary>
public sealed class PackedRTreeTests
{
    private const double Grid = 0.001;

    [Theory]
    [InlineData("parcels", 3000)]
    [InlineData("facilities", 3000)]
    [InlineData("parcels", 1)]
    [InlineData("parcels", 17)]
    public async Task A_bbox_query_returns_exactly_the_features_that_meet_the_box(string collectionId, int count)
    {
        var collection = Catalog.Find(collectionId)!;
        var random = new Random(20261201 + count);
        var features = Features(collection, count, random);
        var store = Store(collection, features);

        var boxes = new List<Envelope>
        {
            new(108, 109, 31, 32), // everything
            new(100, 100.5, 20, 20.5), // nothing
            new(Cell(3), Cell(3), Cell(4), Cell(4)), // one grid point
        };
        for (var n = 0; n < 400; n++)
        {
            var (x, y) = (random.Next(0, 60), random.Next(0, 60));
            boxes.Add(n % 2 == 0
                ? new Envelope(Cell(x), Cell(x + random.Next(0, 6)), Cell(y), Cell(y + random.Next(0, 6)))
                : new Envelope(Cell(x) + (random.NextDouble() * Grid), Cell(x + random.Next(0, 8)), Cell(y) - (random.NextDouble() * Grid), Cell(y + 1)));
        }

        foreach (var box in boxes)
        {
            var bbox = Cgcs2000.GeometryFactory.ToGeometry(box);
            var expected = features.Where(f => f.Geometry is { } g && g.Intersects(bbox)).Select(f => f.Id).ToList();
            var actual = await store.QueryAsync(new FeatureQuery(collection) { Bbox = box }, CancellationToken.None).Select(f => f.Id).ToListAsync();
            Assert.Equal(expected, actual);
        }

        // The extent is the union of the features' own envelopes.
        var extent = new Envelope();
        features.Where(f => f.Geometry is not null).ToList().ForEach(f => extent.ExpandToInclude(f.Geometry!.EnvelopeInternal));
        Assert.Equal(extent, (await store.GetSummaryAsync(collection, "", CancellationToken.None)).Extent);
    }

    private static double Cell(int n) => 108.3 + (n * Grid);

    /// <summary>Rectangles (or points) of one to five grid cells at random grid places, one in fifty without a geometry.</summary>
    private static List<Feature> Features(CollectionDefinition collection, int count, Random random)
    {
        var properties = collection.Properties.ToDictionary(p => p.Name, _ => (object?)null);
        var features = new List<Feature>();
        for (var id = 1; id <= count; id++)
        {
            var (x, y) = (random.Next(0, 64), random.Next(0, 64));
            Geometry? geometry = (id % 50 == 0, collection.Geometry) switch
            {
                (true, _) => null,
                (_, GeometryKind.Point) => Cgcs2000.GeometryFactory.CreatePoint(new Coordinate(Cell(x), Cell(y))),
                _ => Cgcs2000.GeometryFactory.CreateMultiPolygon([(Polygon)Cgcs2000.GeometryFactory.ToGeometry(
                    new Envelope(Cell(x), Cell(x + random.Next(1, 6)), Cell(y), Cell(y + random.Next(1, 6))))]),
            };
            features.Add(new Feature(id, geometry, properties));
        }

        return features;
    }

    private static InMemoryFeatureStore Store(CollectionDefinition collection, List<Feature> features) =>
        new(new GisDataSet("test", Catalog.All.ToDictionary(c => c.Id, c => c == collection ? features : (IReadOnlyList<Feature>)[])));
}
