using System.Globalization;
using System.Text;

namespace Geo.Core.Formats.Internal;

/// <summary>
/// Text encodings by the names files and people give them (<c>.cpg</c> "UTF-8", "CP936", "ANSI 936", "GBK" …). Bytes
/// that do not decode become U+FFFD, which the pipeline reports by field rather than storing as mojibake.
/// </summary>
internal static class TextEncodings
{
    public const char Replacement = '\uFFFD';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextEncodings() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GBK (code page 936), what Chinese shapefiles and TXT files are written in when they do not say.</summary>
    public static Encoding Gbk => ForCodePage(936);

    public static Encoding? Find(string name)
    {
        var text = name.Trim().ToUpperInvariant();
        foreach (var prefix in new[] { "ANSI ", "CP", "WINDOWS-" })
        {
            text = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..].Trim() : text;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage))
        {
            return codePage == 65001 ? ForCodePage(65001) : TryCodePage(codePage);
        }

        text = text is "UTF8" ? "UTF-8" : text;
        try
        {
            return ForCodePage(System.Text.Encoding.GetEncoding(text).CodePage);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static Encoding ForCodePage(int codePage) =>
        System.Text.Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(Replacement.ToString()));

    /// <summary>Decodes a text file: with the given encoding, else as UTF-8 (BOM or not) when it is valid UTF-8, else as GBK.</summary>
    public static (string Text, string EncodingName) Decode(byte[] bytes, Encoding? given)
    {
        var bom = bytes.AsSpan().StartsWith(System.Text.Encoding.UTF8.Preamble) ? System.Text.Encoding.UTF8.Preamble.Length : 0;
        if (given is not null)
        {
            var start = given.CodePage == 65001 ? bom : 0;
            return (given.GetString(bytes, start, bytes.Length - start), given.WebName);
        }

        try
        {
            return (StrictUtf8.GetString(bytes, bom, bytes.Length - bom), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gbk.GetString(bytes), "gbk");
        }
    }

    private static Encoding? TryCodePage(int codePage)
    {
        try
        {
            return ForCodePage(codePage);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
