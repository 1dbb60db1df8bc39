using System.Text;

namespace Geo.Api.GisData;

/// <summary>Reads a file as strict UTF-8 so that a GBK or Latin-1 file is rejected instead of read as mojibake.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The file's bytes after a byte-order mark, checked to be UTF-8 without decoding them into a string (a 500 MB
    /// GeoJSON file would take a gigabyte as UTF-16), or an error naming the line of the first bad byte.
    /// </summary>
    public static (ReadOnlyMemory<byte>? Bytes, string? Error) ReadBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            Strict.GetCharCount(bytes, start, bytes.Length - start);
            return (bytes.AsMemory(start), null);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(e.Index, 0);
            var line = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            return (null, $"line {line}: not UTF-8 (invalid byte at offset {offset}); save the file as UTF-8");
        }
    }
}
