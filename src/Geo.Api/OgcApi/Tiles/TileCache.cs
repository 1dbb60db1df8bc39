using System.IO.Compression;
using Microsoft.Extensions.Caching.Memory;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// Encoded tiles kept in memory with the data version they were read at, as GeoWebCache keeps them on disk: a tile
/// asked for again while the data is unchanged is answered without being built, and gzipped once for every client that
/// takes gzip. A kept tile of another version is never answered (the caller compares versions), so any change to the
/// data retires every kept tile. Bounded by <c>Tiles:CacheMegabytes</c> (default <see cref="DefaultMegabytes"/>; 0 keeps
/// none); when full, the tiles asked for least recently go first.
/// </summary>
internal sealed class TileCache : IDisposable
{
    public const int DefaultMegabytes = 64;

    // A kept tile is charged twice its length (room for its gzip, never larger for an MVT) plus the entry itself.
    private const int EntryBytes = 256;

    private readonly MemoryCache? _tiles;

    public TileCache(IConfiguration configuration)
    {
        var megabytes = configuration.GetValue("Tiles:CacheMegabytes", DefaultMegabytes);
        if (megabytes < 0)
        {
            throw new InvalidOperationException($"Tiles:CacheMegabytes is {megabytes}; give 0 (keep no tile) or more megabytes");
        }

        _tiles = megabytes == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024, CompactionPercentage = 0.25 });
    }

    /// <summary>Whether tiles are kept (and so worth gzipping once); otherwise the compression middleware gzips each answer.</summary>
    public bool Enabled => _tiles is not null;

    /// <summary>The tile kept under <paramref name="key"/>, of whatever version it was read at.</summary>
    public CachedTile? Find(string key) => _tiles?.Get<CachedTile>(key);

    public CachedTile Keep(string key, string dataVersion, byte[] bytes)
    {
        var tile = new CachedTile(dataVersion, bytes);
        _tiles?.Set(key, tile, new MemoryCacheEntryOptions { Size = 2L * bytes.Length + EntryBytes });
        return tile;
    }

    public void Dispose() => _tiles?.Dispose();
}

/// <summary>A tile's bytes (empty: no feature, a 204) at a data version, and its gzip once a client has taken it.</summary>
internal sealed class CachedTile(string dataVersion, byte[] bytes)
{
    private byte[]? _gzipped;

    public string DataVersion { get; } = dataVersion;

    public byte[] Bytes { get; } = bytes;

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
