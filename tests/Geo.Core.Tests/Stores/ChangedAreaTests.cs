using Geo.Core.Stores.InMemory;

namespace Geo.Core.Tests.Stores;

/// <summary>
/// Where an edit changed what tiles draw: the geometry's envelope before and after, or nothing when only a property no
/// tile carries changed (a parcel's 地类名称; its tiles carry the 地类编码 and the illustrative mark). Envelopes are
/// read off the WKT by hand.
/// </summary>
public sealed class ChangedAreaTests
{
    private const string Square = "MULTIPOLYGON (((108.1 31.1, 108.2 31.1, 108.2 31.2, 108.1 31.2, 108.1 31.1)))";
    private const string Moved = "MULTIPOLYGON (((108.3 31.15, 108.35 31.15, 108.35 31.4, 108.3 31.4, 108.3 31.15)))";

    [Fact]
    public void A_property_no_tile_carries_changes_nothing_drawn()
    {
        Assert.Null(ChangedArea.ExtentOf(Catalog.Parcels, Parcel(Square), Parcel(Square, ("land_use", "改名"))));
    }

    [Theory]
    [InlineData("land_use_code", "0601")]
    [InlineData("illustrative", false)]
    public void A_property_tiles_carry_changes_the_feature_where_it_lies(string property, object value)
    {
        CheckExtent(108.1, 31.1, 108.2, 31.2, ChangedArea.ExtentOf(Catalog.Parcels, Parcel(Square), Parcel(Square, (property, value))));
    }

    [Fact]
    public void A_moved_feature_changes_where_it_was_and_where_it_is()
    {
        CheckExtent(108.1, 31.1, 108.35, 31.4, ChangedArea.ExtentOf(Catalog.Parcels, Parcel(Square), Parcel(Moved)));
    }

    [Fact]
    public void An_added_or_removed_feature_changes_where_it_is()
    {
        CheckExtent(108.3, 31.15, 108.35, 31.4, ChangedArea.ExtentOf(Catalog.Parcels, null, Parcel(Moved)));
        CheckExtent(108.1, 31.1, 108.2, 31.2, ChangedArea.ExtentOf(Catalog.Parcels, Parcel(Square), null));
    }

    /// <summary>The embedded store logs each edit so, and answers the edits between two versions with an envelope each that changed anything drawn.</summary>
    [Fact]
    public async Task The_embedded_store_answers_only_the_edits_that_changed_what_is_drawn()
    {
        var store = new InMemoryFeatureStore(new GisDataSet("test", Catalog.All.ToDictionary(c => c.Id, c => c == Catalog.Parcels ? [Parcel(Square)] : (IReadOnlyList<Feature>)[])));
        var loaded = await VersionAsync(store);

        store.Apply(Catalog.Parcels, 1, Parcel(Square, ("land_use", "改名")));
        var renamed = await VersionAsync(store);
        store.Apply(Catalog.Parcels, 1, Parcel(Moved, ("land_use", "改名")));
        var moved = await VersionAsync(store);

        var rename = await store.GetChangedAreaAsync(Catalog.Parcels, loaded, renamed, CancellationToken.None);
        Assert.True(rename.Known);
        Assert.Empty(rename.Extents);
        var both = await store.GetChangedAreaAsync(Catalog.Parcels, loaded, moved, CancellationToken.None);
        Assert.True(both.Known);
        CheckExtent(108.1, 31.1, 108.35, 31.4, Assert.Single(both.Extents));
    }

    private static async Task<string> VersionAsync(InMemoryFeatureStore store) =>
        (await store.GetCollectionVersionsAsync([Catalog.Parcels], CancellationToken.None))[0];

    private static Feature Parcel(string wkt, params (string Name, object Value)[] changed)
    {
        var properties = new Dictionary<string, object?>
        {
            ["land_use_code"] = "0103", ["land_use"] = "旱地", ["area_m2"] = 1234.5, ["township_code"] = "500154008", ["zone_id"] = null,
            ["source"] = "test", ["location_precision"] = "schematic", ["illustrative"] = true,
        };
        foreach (var (name, value) in changed)
        {
            properties[name] = value;
        }

        return new Feature(1, new WKTReader().Read(wkt), properties);
    }

    private static void CheckExtent(double minX, double minY, double maxX, double maxY, Envelope? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((minX, minY, maxX, maxY), (actual.MinX, actual.MinY, actual.MaxX, actual.MaxY));
    }
}
