using Geo.Core.Stores.InMemory;

namespace Geo.Core.Tests.Stores.InMemory;

/// <summary>
/// Features handed over already packed (<see cref="PackedFeature"/>: coordinates, shape and values, as the plain
/// gis-data reader gives them) come back out of the packed collection, and out of the embedded store built on it,
/// with exactly the geometry and properties written in WKT and literals here.
/// </summary>
public sealed class PackedFeaturesTests
{
    // Two polygons, the first with a hole: the shape is 2 polygons; 2 rings of 5 and 4 positions; 1 ring of 4.
    private static readonly double[] Xy =
    [
        108.1, 31.1, 108.2, 31.1, 108.2, 31.2, 108.1, 31.2, 108.1, 31.1,
        108.12, 31.12, 108.12, 31.18, 108.18, 31.12, 108.12, 31.12,
        108.3, 31.3, 108.4, 31.3, 108.35, 31.4, 108.3, 31.3,
    ];

    private static readonly int[] Polygons = [2, 2, 5, 4, 1, 4];

    private const string Wkt =
        "MULTIPOLYGON (((108.1 31.1, 108.2 31.1, 108.2 31.2, 108.1 31.2, 108.1 31.1), (108.12 31.12, 108.12 31.18, 108.18 31.12, 108.12 31.12)),"
        + " ((108.3 31.3, 108.4 31.3, 108.35 31.4, 108.3 31.3)))";

    private static readonly object?[] Values = ["0103", "耕地", 1234.5, "500154008", 7L, "test", "schematic", true];

    [Fact]
    public async Task A_packed_feature_is_stored_and_served_exactly()
    {
        var builder = new PackedFeatures.Builder(Catalog.Parcels);
        builder.Add(new PackedFeature(3, Xy, Polygons, Values));
        builder.Add(new PackedFeature(9, Xy[^8..], [1, 1, 4], [.. Values[..4], null, .. Values[5..]]));
        var features = builder.Build();

        Assert.IsType<PackedFeatures>(features);
        var store = new InMemoryFeatureStore(new GisDataSet("test", Catalog.All.ToDictionary(c => c.Id, c => c == Catalog.Parcels ? features : (IReadOnlyList<Feature>)[])));
        var first = (await store.GetAsync(Catalog.Parcels, 3, CancellationToken.None))!;
        Assert.True(new WKTReader().Read(Wkt).EqualsExact(first.Geometry), first.Geometry!.AsText());
        Assert.Equal(4490, first.Geometry.SRID);
        Assert.Equal(["land_use_code", "land_use", "area_m2", "township_code", "zone_id", "source", "location_precision", "illustrative"], first.Properties.Keys);
        Assert.Equal<object?>(Values, first.Properties.Values);

        var second = (await store.GetAsync(Catalog.Parcels, 9, CancellationToken.None))!;
        Assert.True(new WKTReader().Read("MULTIPOLYGON (((108.3 31.3, 108.4 31.3, 108.35 31.4, 108.3 31.3)))").EqualsExact(second.Geometry), second.Geometry!.AsText());
        Assert.Null(second["zone_id"]);

        // A box inside the triangle finds both: the first feature has it as its second polygon.
        var both = await store.QueryAsync(new FeatureQuery(Catalog.Parcels) { Bbox = new Envelope(108.34, 108.36, 31.31, 31.32) }, CancellationToken.None).Select(f => f.Id).ToListAsync();
        Assert.Equal([3L, 9L], both);
    }

    [Fact]
    public void Ids_out_of_order_turn_the_rest_into_a_plain_list_in_file_order_with_the_same_geometries()
    {
        var builder = new PackedFeatures.Builder(Catalog.Parcels);
        builder.Add(new PackedFeature(5, Xy, Polygons, Values));
        builder.Add(new PackedFeature(2, Xy, Polygons, Values));

        var features = builder.Build();

        Assert.IsNotType<PackedFeatures>(features);
        Assert.Equal([5L, 2L], features.Select(f => f.Id));
        Assert.All(features, f => Assert.True(new WKTReader().Read(Wkt).EqualsExact(f.Geometry)));
        Assert.All(features, f => Assert.Equal<object?>(Values, f.Properties.Values));
    }

    [Fact]
    public void A_shape_that_does_not_account_for_every_coordinate_is_refused()
    {
        var builder = new PackedFeatures.Builder(Catalog.Parcels);

        Assert.Throws<ArgumentException>(() => builder.Add(new PackedFeature(1, Xy, [2, 2, 5, 4, 1, 3], Values)));
    }
}
