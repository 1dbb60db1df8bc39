using Geo.Api.OgcApi.Tiles;
using Microsoft.Extensions.Configuration;

namespace Geo.Api.Tests.OgcApi.Tiles;

public class TileCacheTests
{
    private static TileCache Cache(string? megabytes) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Tiles:CacheMegabytes"] = megabytes }).Build());

    [Theory]
    [InlineData("0")]
    [InlineData("31")]
    [InlineData("-1")]
    public void A_cache_too_small_for_the_merged_tiles_is_refused_at_start(string megabytes)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Cache(megabytes));

        Assert.Contains($"Tiles:CacheMegabytes (Tiles__CacheMegabytes) is {megabytes}; give at least 32", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("32")]
    [InlineData(null)]
    public void At_the_minimum_and_by_default_the_merged_tiles_of_a_million_parcels_are_all_kept(string? megabytes)
    {
        using var cache = Cache(megabytes);
        // 85 merged tileMatrix-12 tiles of ~100 KB each (BENCHMARKS, serve12: 99,428 B for the 汉丰 seat's tile).
        var tile = new VectorTileAnswer(new byte[100_000], 17_864);
        for (var col = 0; col < 85; col++)
        {
            cache.Keep($"parcels/12/1700/{col}", "v1", tile, costly: true);
        }

        var kept = Enumerable.Range(0, 85).Count(col => cache.Find($"parcels/12/1700/{col}", "v1") is not null);
        Assert.Equal(85, kept);
    }
}
