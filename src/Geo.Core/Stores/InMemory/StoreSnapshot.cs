using System.Security.Cryptography;

namespace Geo.Core.Stores.InMemory;

/// <summary>
/// The embedded store as packed from a validated gis-data load, in one binary file, so that the next start reads the
/// packed arrays back instead of parsing and checking every feature again. A snapshot is served only for the gis-data
/// bytes it was packed from (their <see cref="GisData.GisDataHash"/>) and only by the build that wrote it (the
/// checks and the catalog are code); a SHA-256 of its bytes catches a damaged file. Anything else (stale, damaged,
/// another format) is refused with the reason, and the caller loads gis-data as if there were no snapshot.
/// </summary>
public sealed class StoreSnapshot
{
    private const string Magic = "kaizhou-geo embedded store snapshot";
    private const int FormatVersion = 1;
    private const int HeaderBytes = 4096;

    private readonly IReadOnlyDictionary<string, CollectionIndex> _collections;

    private StoreSnapshot(IReadOnlyDictionary<string, CollectionIndex> collections, string contentHash)
    {
        _collections = collections;
        ContentHash = contentHash;
    }

    /// <summary>The gis-data hash the snapshot answers for.</summary>
    public string ContentHash { get; }

    /// <summary>
    /// The store's collections as they are now; call it on a store fresh from gis-data, before any edit is applied (an
    /// edit is an overlay, and a store with one is refused: <paramref name="reason"/> says why).
    /// </summary>
    public static StoreSnapshot? Capture(InMemoryFeatureStore store, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        var collections = store.Collections;
        reason = Catalog.All.Select(c => collections[c.Id].NotSnapshottable).FirstOrDefault(r => r is not null);
        return reason is null ? new StoreSnapshot(collections, store.ContentHash) : null;
    }

    /// <summary>Writes the snapshot to <paramref name="path"/> atomically: a reader sees the old file or the whole new one.</summary>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 20))
            {
                var writer = new SnapshotWriter(file);
                writer.WriteText(Magic);
                writer.Write(FormatVersion);
                writer.Write(BuildId);
                writer.WriteText(ContentHash);
                foreach (var collection in Catalog.All)
                {
                    _collections[collection.Id].Write(writer);
                }

                file.Flush();
                file.Position = 0;
                var checksum = SHA256.HashData(file);
                file.Write(checksum);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// The store in <paramref name="path"/> if it is a whole snapshot of the gis-data hashing to
    /// <paramref name="contentHash"/>, written by this build; otherwise null and why (null reason: there is no snapshot).
    /// </summary>
    public static InMemoryFeatureStore? TryRead(string path, string contentHash, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(contentHash);
        reason = null;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // The header first: a stale snapshot is refused without reading the rest.
            var head = new byte[HeaderBytes];
            int headLength;
            using (var file = File.OpenRead(path))
            {
                headLength = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }

            reason = HeaderProblem(new SnapshotReader(head, 0, headLength), contentHash);
            if (reason is not null)
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            var body = bytes.Length - SHA256.HashSizeInBytes;
            if (body < 0 || !SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            {
                reason = "its checksum does not match its content (damaged or cut short)";
                return null;
            }

            var reader = new SnapshotReader(bytes, 0, body);
            if (HeaderProblem(reader, contentHash) is { } changed)
            {
                reason = changed;
                return null;
            }

            var collections = Catalog.All.ToDictionary(c => c.Id, c => CollectionIndex.Read(c, reader));
            if (!reader.AtEnd)
            {
                reason = "it has bytes after its last collection";
                return null;
            }

            return new InMemoryFeatureStore(collections, contentHash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or OutOfMemoryException)
        {
            reason = $"it could not be read ({e.Message})";
            return null;
        }
    }

    /// <summary>The build that writes and reads snapshots: deterministic builds give the same id to the same source.</summary>
    private static Guid BuildId => typeof(StoreSnapshot).Assembly.ManifestModule.ModuleVersionId;

    private static string? HeaderProblem(SnapshotReader reader, string contentHash)
    {
        if (reader.ReadText() != Magic || reader.Read<int>() != FormatVersion)
        {
            return "it is not a snapshot of this format";
        }

        if (reader.Read<Guid>() != BuildId)
        {
            return "it was written by another build of the service";
        }

        return reader.ReadText() is var hash && hash != contentHash
            ? $"it was packed from gis-data {hash}, and the files now hash to {contentHash}"
            : null;
    }
}
