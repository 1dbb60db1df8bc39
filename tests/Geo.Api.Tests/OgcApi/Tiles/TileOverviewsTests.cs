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
        await using var harness = new Harness(store, new NtsVectorTiles(store));
        var overviews = harness.Overviews;
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

    /// <summary>
    /// A parcel moved ~300 m and given another class is patched into the grid: the tiles over its old and new place at
    /// every generalised zoom are what a whole read of the edited data builds, and the collection was read again only
    /// around the parcel, not whole.
    /// </summary>
    [Fact]
    public async Task An_edit_is_patched_into_the_grid_as_a_whole_read_of_the_edited_data_builds_it()
    {
        var cancellationToken = CancellationToken.None;
        var store = new InMemoryFeatureStore(GisDataFolder.Load(RepoPaths.GisData));
        var source = new CountingTileSource(new NtsVectorTiles(store));
        await using var harness = new Harness(store, source);
        var overviews = harness.Overviews;
        Feature? parcel = null;
        await foreach (var feature in store.QueryAsync(new FeatureQuery(Catalog.Parcels) { Limit = 1 }, cancellationToken))
        {
            parcel = feature;
        }

        var moved = NetTopologySuite.Geometries.Utilities.AffineTransformation.TranslationInstance(0.003, 0.002).Transform(parcel!.Geometry!);
        var tiles = Enumerable.Range(0, TileGeneralisation.MaxZoom + 1)
            .SelectMany(z => new[] { TileOver(z, parcel.Geometry!.Centroid.Coordinate), TileOver(z, moved.Centroid.Coordinate) }).Distinct().ToList();
        var before = (await store.GetCollectionVersionsAsync([Catalog.Parcels], cancellationToken))[0];
        var drawnBefore = new List<byte[]>();
        foreach (var tile in tiles)
        {
            drawnBefore.Add((await overviews.GetTileAsync(Catalog.Parcels, tile, before, cancellationToken)).Bytes);
        }

        var properties = parcel.Properties.ToDictionary(p => p.Key, p => p.Value);
        properties["land_use_code"] = (string)properties["land_use_code"]! == "0601" ? "0701" : "0601";
        store.Apply(Catalog.Parcels, parcel.Id, new Feature(parcel.Id, moved, properties));
        var after = (await store.GetCollectionVersionsAsync([Catalog.Parcels], cancellationToken))[0];
        var whole = TileOverview.Build(Catalog.Parcels, await new NtsVectorTiles(store).ReadOverviewAsync(Catalog.Parcels, null, cancellationToken));

        var changed = 0;
        for (var k = 0; k < tiles.Count; k++)
        {
            var patched = await overviews.GetTileAsync(Catalog.Parcels, tiles[k], after, cancellationToken);
            Assert.True(whole.Draw(tiles[k]).Bytes.SequenceEqual(patched.Bytes), $"tile {tiles[k]} differs from a whole read's");
            changed += patched.Bytes.SequenceEqual(drawnBefore[k]) ? 0 : 1;
        }

        Assert.True(changed >= 2, $"only {changed} of {tiles.Count} tiles changed: the edit is not where this test means it to be");
        Assert.Equal(1, source.WholeReads);
        Assert.Single(source.AreaReads);
    }

    private static TileAddress TileOver(int zoom, NetTopologySuite.Geometries.Coordinate lonLat)
    {
        var n = 1 << zoom;
        return new TileAddress(zoom, (int)Math.Floor((lonLat.X + 180) / 360 * n), (int)Math.Floor((1 - Math.Asinh(Math.Tan(lonLat.Y * Math.PI / 180)) / Math.PI) / 2 * n));
    }

    /// <summary>TileOverviews over an embedded store generalising above 10 features, its stored tiles in a temporary folder removed after.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "geo-test-tiles-" + Guid.NewGuid().ToString("N")[..8]);

        private readonly ServiceProvider _services;

        private readonly TileCache _cache;

        public Harness(InMemoryFeatureStore store, IVectorTileSource source)
        {
            _services = new ServiceCollection()
                .AddSingleton<IFeatureStore>(store)
                .AddSingleton(source)
                .AddSingleton<IGeneralisedTileStore>(new FileGeneralisedTiles(_folder, () => store.LoadedVersion))
                .BuildServiceProvider();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tiles:GeneraliseAboveFeatures"] = "10" }).Build();
            _cache = new TileCache(configuration);
            Overviews = new TileOverviews(_services, _cache, configuration, NullLogger<TileOverviews>.Instance);
        }

        public TileOverviews Overviews { get; }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            _cache.Dispose();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
