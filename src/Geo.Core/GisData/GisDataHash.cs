using System.Security.Cryptography;
using System.Text;

namespace Geo.Core.GisData;

/// <summary>
/// The content hash of a gis-data folder (<see cref="GisDataSet.ContentHash"/>): every catalog file's name and bytes
/// (after a byte-order mark), in catalog order. One definition for the full load and for the embedded store's
/// snapshot, which is served only for the very bytes it was packed from.
/// </summary>
public static class GisDataHash
{
    /// <summary>Adds one file to <paramref name="hash"/>.</summary>
    public static void Append(IncrementalHash hash, string fileName, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(hash);
        Begin(hash, fileName);
        hash.AppendData(content);
        End(hash);
    }

    /// <summary>The hash as <see cref="GisDataSet.ContentHash"/> writes it.</summary>
    public static string Finish(IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The hash of the files in <paramref name="folder"/> now; null when a catalog file is missing (only a full load can say what is wrong).</summary>
    public static string? Of(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var collection in Catalog.All)
        {
            var path = Path.Combine(folder, collection.FileName);
            if (!File.Exists(path))
            {
                return null;
            }

            // Streamed in blocks: the same bytes Append would see, without holding a 500 MB file.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var block = new byte[1 << 20];
            var read = file.ReadAtLeast(block, block.Length, throwOnEndOfStream: false);
            var start = block.AsSpan(0, read).StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            Begin(hash, collection.FileName);
            for (; read > 0; read = file.ReadAtLeast(block, block.Length, throwOnEndOfStream: false), start = 0)
            {
                hash.AppendData(block.AsSpan(start, read - start));
            }

            End(hash);
        }

        return Finish(hash);
    }

    private static void Begin(IncrementalHash hash, string fileName) => hash.AppendData(Encoding.UTF8.GetBytes(fileName + "\n"));

    private static void End(IncrementalHash hash) => hash.AppendData("\n"u8);
}
