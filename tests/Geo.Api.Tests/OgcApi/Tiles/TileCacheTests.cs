using Geo.Api.OgcApi.Tiles;
using Microsoft.Extensions.Configuration;

namespace Geo.Api.Tests.OgcApi.Tiles;

public class TileCacheTests
{
    // 85 merged tileMatrix-12 tiles of ~100 KB each: 1,000,000 parcels (BENCHMARKS, serve12: 99,428 B for the 汉丰 seat's tile).
    private const int MergedTiles = 85;
    private static readonly VectorTileAnswer Merged = new(new byte[100_000], 17_864);

    private static TileCache Cache(string? megabytes) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tiles:CacheMegabytes"] = megabytes }).Build());

    private static int KeepMergedTiles(TileCache cache)
    {
        for (var col = 0; col < MergedTiles; col++)
        {
            cache.Keep($"parcels/12/1700/{col}", "v1", Merged, costly: true);
        }

        return Enumerable.Range(0, MergedTiles).Count(col => cache.Find($"parcels/12/1700/{col}", "v1") is not null);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("31")]
    [InlineData("-1")]
    public void A_cache_too_small_for_the_merged_tiles_is_refused_at_start(string megabytes)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Cache(megabytes));

        Assert.Contains($"Tiles:CacheMegabytes (Tiles__CacheMegabytes) is {megabytes}; give 0 (keep no answered tile) or at least 32", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("32")]
    [InlineData(null)]
    public void At_the_minimum_and_by_default_the_merged_tiles_of_a_million_parcels_are_all_kept_and_answered_tiles_too(string? megabytes)
    {
        using var cache = Cache(megabytes);

        Assert.Equal(MergedTiles, KeepMergedTiles(cache));
        cache.Keep("parcels/14/13000/6000", "v1", new VectorTileAnswer([1, 2, 3], 1));
        Assert.NotNull(cache.Find("parcels/14/13000/6000", "v1"));
    }

    [Fact]
    public void With_0_no_answered_tile_is_kept_but_the_merged_tiles_still_are()
    {
        using var cache = Cache("0");

        cache.Keep("parcels/14/13000/6000", "v1", new VectorTileAnswer([1, 2, 3], 1));

        Assert.Null(cache.Find("parcels/14/13000/6000", "v1"));
        Assert.Equal(MergedTiles, KeepMergedTiles(cache));
    }
}
