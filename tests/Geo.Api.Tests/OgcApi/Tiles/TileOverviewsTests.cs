using Geo.Api.Backends.Embedded.Internal;
using Geo.Api.GisData;
using Geo.Api.OgcApi.Tiles;
using Geo.Core.GisData;
using Geo.Core.Stores.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Geo.Api.Tests.OgcApi.Tiles;

/// <summary>The generalised overview is kept per data version: a change to the data is in the next low-zoom tile.</summary>
public sealed class TileOverviewsTests
{
    [Fact]
    public async Task A_generalised_tile_shows_the_data_of_the_version_asked_for_not_a_kept_older_one()
    {
        var cancellationToken = CancellationToken.None;
        var store = new InMemoryFeatureStore(GisDataFolder.Load(RepoPaths.GisData));
        await using var services = new ServiceCollection()
            .AddSingleton<IFeatureStore>(store)
            .AddSingleton<IVectorTileSource>(new NtsVectorTiles(store))
            .AddSingleton<IGeneralisedTileStore>(new FileGeneralisedTiles(Path.Combine(Path.GetTempPath(), "geo-test-tiles-" + Guid.NewGuid().ToString("N")[..8]), () => store.LoadedVersion))
            .BuildServiceProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tiles:GeneraliseAboveFeatures"] = "10" }).Build();
        using var cache = new TileCache(configuration);
        var overviews = new TileOverviews(services, cache, configuration, NullLogger<TileOverviews>.Instance);
        var tile = new TileAddress(8, 205, 104);
        var before = await store.GetDataVersionAsync(cancellationToken);

        var generalised = await overviews.AppliesAsync(Catalog.Parcels, tile.Z, before, cancellationToken);
        var drawn = await overviews.GetTileAsync(Catalog.Parcels, tile, before, cancellationToken);
        var ids = new List<long>();
        await foreach (var parcel in store.QueryAsync(new FeatureQuery(Catalog.Parcels), cancellationToken))
        {
            ids.Add(parcel.Id);
        }

        store.Apply(Catalog.Parcels, ids.Select(id => (id, (Feature?)null)).ToList());
        var after = await store.GetDataVersionAsync(cancellationToken);
        var redrawn = await overviews.GetTileAsync(Catalog.Parcels, tile, after, cancellationToken);

        Assert.True(generalised);
        Assert.False(await overviews.AppliesAsync(Catalog.Parcels, tile.Z, after, cancellationToken));
        Assert.NotEqual(before, after);
        Assert.True(drawn.Features > 0);
        Assert.Equal(0, redrawn.Features);
        Assert.Empty(redrawn.Bytes);
    }
}
