using System.IO.Compression;
using Microsoft.Extensions.Caching.Memory;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// The one place encoded tiles are kept in memory, each with the version of its collections it was read at
/// (<see cref="IFeatureStore.GetCollectionVersionsAsync"/>), as GeoWebCache keeps
/// them on disk: tiles answered to clients and the tiles <see cref="TileOverviews"/> draws from a generalised overview
/// or merges in the background, under the same key, so a tile is never kept twice. A tile asked for again while the
/// data is unchanged is answered without being built, and gzipped once for every client that takes gzip. A kept tile of
/// another version is never answered, so a change to a collection retires every kept tile of it (and only of it). Bounded by
/// <c>Tiles:CacheMegabytes</c> (default <see cref="DefaultMegabytes"/>; 0 keeps no answered tile, only those costly to
/// make again, in <see cref="MinimumMegabytes"/>); when full, the tiles asked for least recently go first, those costly to
/// make again (merged, drawn from an overview) after the others.
/// </summary>
internal sealed class TileCache : IDisposable
{
    public const int DefaultMegabytes = 64;

    /// <summary>
    /// Room for the merged tileMatrix-12 tiles of 1,000,000 parcels (85 tiles of up to ~100 KB, charged twice: ~17 MB)
    /// and the overview's tiles beside them. Below it, or with no cache at all, a z12 tile of a generalised collection
    /// would be merged again on every request, ~1.5 s of a PostgreSQL core each: a viewer panning at zoom 12 would keep
    /// the database busy. So a smaller setting is refused at start, and 0 still keeps the costly tiles in this much.
    /// </summary>
    public const int MinimumMegabytes = 32;

    // A kept tile is charged twice its length (room for its gzip, never larger for an MVT) plus the entry itself.
    private const int EntryBytes = 256;

    private readonly MemoryCache _tiles;

    public TileCache(IConfiguration configuration)
    {
        var megabytes = configuration.GetValue("Tiles:CacheMegabytes", DefaultMegabytes);
        if (megabytes is < 0 or (> 0 and < MinimumMegabytes))
        {
            throw new InvalidOperationException(
                $"Tiles:CacheMegabytes (Tiles__CacheMegabytes) is {megabytes}; give 0 (keep no answered tile) or at least {MinimumMegabytes}: "
                + "the merged tileMatrix-12 tiles of a large collection take ~17 MB and would otherwise be merged again, seconds of the database each, on every request");
        }

        KeepsAnswers = megabytes > 0;
        _tiles = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(megabytes, MinimumMegabytes) * 1024L * 1024, CompactionPercentage = 0.25 });
    }

    /// <summary>Whether tiles answered are kept (and so worth gzipping once); otherwise the compression middleware gzips each answer.</summary>
    public bool KeepsAnswers { get; }

    /// <summary>The key of a tile with a layer per collection, in the order given.</summary>
    public static string Key(IEnumerable<CollectionDefinition> collections, TileAddress tile) => $"{string.Join(',', collections.Select(c => c.Id))}/{tile}";

    /// <summary>The tile kept under <paramref name="key"/>, of whatever version it was read at.</summary>
    public CachedTile? Find(string key) => _tiles.Get<CachedTile>(key);

    /// <summary>The tile kept under <paramref name="key"/> when it was read at <paramref name="dataVersion"/>.</summary>
    public CachedTile? Find(string key, string dataVersion) => Find(key) is { } kept && kept.DataVersion == dataVersion ? kept : null;

    /// <summary>Keeps <paramref name="answer"/> (never one refused as too many features: its empty bytes would read as a 204).</summary>
    /// <param name="costly">Made from a whole overview or merged for seconds: evicted after the tiles one statement makes again.</param>
    public CachedTile Keep(string key, string dataVersion, VectorTileAnswer answer, bool costly = false)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.IsTooMany)
        {
            throw new ArgumentException("a tile refused for too many features is not kept", nameof(answer));
        }

        var tile = new CachedTile(dataVersion, answer, costly);
        if (!costly && !KeepsAnswers)
        {
            return tile;
        }

        _tiles.Set(key, tile, new MemoryCacheEntryOptions
        {
            Size = 2L * answer.Bytes.Length + EntryBytes,
            Priority = costly ? CacheItemPriority.High : CacheItemPriority.Normal,
        });
        return tile;
    }

    public void Dispose() => _tiles.Dispose();
}

/// <summary>A tile (empty bytes: no feature, a 204) at a version of its collections, and its gzip once a client has taken it.</summary>
internal sealed class CachedTile(string dataVersion, VectorTileAnswer answer, bool costly)
{
    private byte[]? _gzipped;

    public string DataVersion { get; } = dataVersion;

    /// <summary>Drawn from a generalised overview or merged (<see cref="TileOverviews"/>), not read from the data as it is.</summary>
    public bool Costly { get; } = costly;

    public VectorTileAnswer Answer { get; } = answer;

    public byte[] Bytes => Answer.Bytes;

    /// <summary>Compressed at the smallest size once, as it is kept (two racing requests may both compress: same bytes).</summary>
    public byte[] Gzipped => _gzipped ??= Gzip(Bytes);

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
