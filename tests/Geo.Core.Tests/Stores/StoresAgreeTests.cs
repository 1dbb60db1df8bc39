namespace Geo.Core.Tests.Stores;

/// <summary>The embedded store and PostGIS hold the same features, property for property and vertex for vertex.</summary>
public sealed class StoresAgreeTests(EmbeddedStoreFixture embedded, PostGisStoreFixture postGis)
    : IClassFixture<EmbeddedStoreFixture>, IClassFixture<PostGisStoreFixture>
{
    public static TheoryData<string> Collections() => [.. Catalog.All.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Every_feature_is_identical_in_both_stores(string collectionId)
    {
        var collection = Catalog.Find(collectionId)!;
        var left = await embedded.Store.QueryAsync(new FeatureQuery(collection), CancellationToken.None).ToListAsync();
        var right = await postGis.Store.QueryAsync(new FeatureQuery(collection), CancellationToken.None).ToListAsync();

        Assert.NotEmpty(left);
        Assert.Equal(left.Select(f => f.Id), right.Select(f => f.Id));
        foreach (var (a, b) in left.Zip(right))
        {
            Assert.Equal(a.Properties, b.Properties);
            Assert.Equal(a.Geometry is null, b.Geometry is null);
            Assert.True(a.Geometry is null || a.Geometry.EqualsExact(b.Geometry), $"{collectionId} {a.Id}: geometries differ");
        }
    }
}
