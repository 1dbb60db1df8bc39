using System.IO.Compression;

namespace Geo.Core.Formats.Internal;

/// <summary>
/// Unpacks an uploaded zip into a fresh folder, refusing entries that would land outside it (<c>../</c>, absolute
/// paths) and archives that declare or actually unpack to more than the limit (zip bombs) before writing a byte.
/// </summary>
internal static class SafeZip
{
    public static void Extract(string zipPath, string file, string target, long maxBytes, CancellationToken cancellationToken)
    {
        using var archive = Open(zipPath, file);
        var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        long declared = 0;
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.StartsWith('/') || name.Split('/').Contains("..") || Path.IsPathRooted(name)
                || !Path.GetFullPath(Path.Combine(root, name)).StartsWith(root, StringComparison.Ordinal))
            {
                throw new FileInputException(file, $"the zip entry '{entry.FullName}' points outside the archive; zip the files without '../' or absolute paths");
            }

            declared += entry.Length;
            if (declared > maxBytes)
            {
                throw new FileInputException(file, $"the zip unpacks to more than {maxBytes:N0} bytes (the limit); send the files unzipped or in smaller parts");
            }
        }

        long written = 0;
        foreach (var entry in archive.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(root, entry.FullName.Replace('\\', '/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var input = entry.Open();
            using var output = File.Create(path);
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                // Declared sizes can lie; count what actually comes out.
                written += read;
                if (written > maxBytes)
                {
                    throw new FileInputException(file, $"the zip unpacks to more than {maxBytes:N0} bytes (the limit), more than its entries declare");
                }

                output.Write(buffer, 0, read);
            }
        }
    }

    private static ZipArchive Open(string zipPath, string file)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new FileInputException(file, $"not a readable zip ({e.Message})", innerException: e);
        }
    }
}
