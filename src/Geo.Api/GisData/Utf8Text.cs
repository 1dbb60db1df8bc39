using System.Text;

namespace Geo.Api.GisData;

/// <summary>Checks a file's bytes as strict UTF-8 so that a GBK or Latin-1 file is rejected instead of read as mojibake.</summary>
internal static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A file's bytes after a byte-order mark, checked to be UTF-8 without decoding them into a string (a 500 MB
    /// GeoJSON file would take a gigabyte as UTF-16), or an error naming the line of the first bad byte.
    /// </summary>
    public static (ReadOnlyMemory<byte>? Bytes, string? Error) Check(ReadOnlyMemory<byte> bytes)
    {
        var start = bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            Strict.GetCharCount(bytes.Span[start..]);
            return (bytes[start..], null);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(e.Index, 0);
            var line = 1 + bytes.Span[..Math.Min(offset, bytes.Length)].Count((byte)'\n');
            return (null, $"line {line}: not UTF-8 (invalid byte at offset {offset}); save the file as UTF-8");
        }
    }
}
