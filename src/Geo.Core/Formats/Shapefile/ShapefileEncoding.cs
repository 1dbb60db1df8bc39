using System.Text;
using Geo.Core.Formats.Internal;

namespace Geo.Core.Formats.Shapefile;

/// <summary>
/// The DBF text encoding, in the order GDAL and ArcGIS use: the request's, the <c>.cpg</c> file's, the DBF header's
/// language-driver byte, and otherwise GBK (CP936), what Chinese shapefiles without either are written in.
/// </summary>
internal static class ShapefileEncoding
{
    private const int LanguageDriverOffset = 29;

    // The language-driver ids (DBF header byte 29) of the ESRI/dBASE table that name one code page; 0x57 ("current
    // ANSI") and 0 name none, and fall through to GBK. NetTopologySuite.IO.Esri keeps its own table internal.
    private static readonly Dictionary<int, int> LanguageDrivers = new()
    {
        [0x01] = 437, [0x02] = 850, [0x03] = 1252, [0x13] = 932, [0x4D] = 936, [0x4E] = 949, [0x4F] = 950,
        [0x78] = 950, [0x79] = 949, [0x7A] = 936, [0x7B] = 932, [0xC8] = 1250, [0xC9] = 1251,
    };

    public static (Encoding Encoding, string Source) Resolve(string shpPath, string file, string? requested)
    {
        if (requested is not null)
        {
            return (TextEncodings.Find(requested) ?? throw new FileInputException(file, $"unknown encoding '{requested}'; use gbk, utf-8 or a code page number", field: "encoding"), "request");
        }

        var cpg = Sibling(shpPath, ".cpg");
        if (cpg is not null)
        {
            var name = File.ReadAllText(cpg).Trim();
            return (TextEncodings.Find(name) ?? throw new FileInputException(file, $"the .cpg names an unknown encoding '{name}'; pass the encoding explicitly", field: "encoding"), ".cpg");
        }

        var dbf = Sibling(shpPath, ".dbf");
        if (dbf is not null)
        {
            using var stream = File.OpenRead(dbf);
            stream.Position = LanguageDriverOffset;
            var driver = stream.ReadByte();
            if (LanguageDrivers.TryGetValue(driver, out var codePage))
            {
                return (TextEncodings.ForCodePage(codePage), $"DBF language driver 0x{driver:X2}");
            }
        }

        return (TextEncodings.Gbk, "default (GBK)");
    }

    /// <summary>The file beside the .shp with the given extension, in any letter case.</summary>
    public static string? Sibling(string shpPath, string extension)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(shpPath))!;
        var stem = Path.GetFileNameWithoutExtension(shpPath);
        return Directory.EnumerateFiles(folder).FirstOrDefault(p =>
            Path.GetFileNameWithoutExtension(p).Equals(stem, StringComparison.OrdinalIgnoreCase)
            && Path.GetExtension(p).Equals(extension, StringComparison.OrdinalIgnoreCase));
    }
}
