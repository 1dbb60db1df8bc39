using Geo.Api.OgcApi.Tiles;

namespace Geo.Api.Backends.Embedded.Internal;

/// <summary>
/// The embedded store's generalised tiles, kept in a file per collection in <paramref name="folder"/> (the state
/// folder's cache, beside the store's snapshot), written whole to a new file and then moved over the old one. Only
/// the tiles of a collection as loaded from gis-data are kept: an edited collection's version counts the edits since
/// the store was loaded (<paramref name="loadedVersion"/> gives the unedited one), which may name other data in another
/// process, so a collection edited since loading makes its tiles at every start, unless its edits (replayed at start,
/// and logged again) changed nothing tiles draw: <see cref="TileOverviews"/> then takes these as the edited version's.
/// </summary>
internal sealed class FileGeneralisedTiles(string folder, Func<string> loadedVersion) : IGeneralisedTileStore
{
    private const string Format = "kaizhou-generalised-tiles 1";

    /// <summary>The version as loaded, when its tiles are kept: no other is ever written.</summary>
    public async Task<string?> KeptVersionAsync(CollectionDefinition collection, string madeBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var loaded = loadedVersion();
        var path = PathOf(collection);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        using var reader = new BinaryReader(file);
        return HeaderIs(reader, loaded, madeBy) ? loaded : null;
    }

    public async Task<IReadOnlyList<StoredTile>> ReadAsync(CollectionDefinition collection, string dataVersion, string madeBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var path = PathOf(collection);
        if (dataVersion != loadedVersion() || !File.Exists(path))
        {
            return [];
        }

        await using var file = File.OpenRead(path);
        using var reader = new BinaryReader(file);
        if (!HeaderIs(reader, dataVersion, madeBy))
        {
            return [];
        }

        // A damaged file reads as holding none (the tiles are then made again), never as a count to allocate.
        var count = reader.ReadInt32();
        if (count < 0 || count > file.Length)
        {
            return [];
        }

        var tiles = new StoredTile[count];
        for (var i = 0; i < tiles.Length; i++)
        {
            var tile = new TileAddress(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var features = reader.ReadInt32();
            var length = reader.ReadInt32();
            if (length < 0 || length > file.Length - file.Position)
            {
                return [];
            }

            var bytes = reader.ReadBytes(length);
            tiles[i] = new StoredTile(tile, VectorTileAnswer.Of(bytes, features));
        }

        return tiles;
    }

    public async Task WriteAsync(CollectionDefinition collection, string dataVersion, string madeBy, IReadOnlyList<StoredTile> tiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(tiles);
        if (dataVersion != loadedVersion())
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var path = PathOf(collection);
        var written = path + ".new";
        await using (var file = File.Create(written))
        {
            await using var writer = new BinaryWriter(file);
            writer.Write(Format);
            writer.Write(dataVersion);
            writer.Write(madeBy);
            writer.Write(tiles.Count);
            foreach (var (tile, answer) in tiles)
            {
                writer.Write(tile.Z);
                writer.Write(tile.X);
                writer.Write(tile.Y);
                writer.Write(answer.Features);
                writer.Write(answer.Bytes.Length);
                writer.Write(answer.Bytes);
            }

            writer.Flush();
            file.Flush(flushToDisk: true);
        }

        File.Move(written, path, overwrite: true);
    }

    /// <summary>Whether the file (read from its start) holds this format's tiles of <paramref name="dataVersion"/> made by <paramref name="madeBy"/>.</summary>
    private static bool HeaderIs(BinaryReader reader, string dataVersion, string madeBy) =>
        reader.ReadString() == Format && reader.ReadString() == dataVersion && reader.ReadString() == madeBy;

    private string PathOf(CollectionDefinition collection) => Path.Combine(folder, collection.Id + ".tiles");
}
