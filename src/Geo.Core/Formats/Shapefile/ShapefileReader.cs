using System.Buffers.Binary;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace Geo.Core.Formats.Shapefile;

/// <summary>
/// Reads an ESRI Shapefile (.shp + .dbf, with .shx, .prj, .cpg when present) through NetTopologySuite.IO.Esri, after
/// checking what that library would otherwise read silently short: the .shp's declared length and the .dbf's row count.
/// </summary>
internal static class ShapefileReader
{
    private const int HeaderBytes = 100;
    private const int ShxRecordBytes = 8;

    public static SourceLayer Read(string shpPath, string file, FileReadOptions options, CancellationToken cancellationToken)
    {
        var dbfPath = ShapefileEncoding.Sibling(shpPath, ".dbf")
            ?? throw new FileInputException(file, "the .dbf is missing; a shapefile needs its .shp, .shx and .dbf (and .prj) together, e.g. in one zip");
        CheckLength(shpPath, file);
        var (crs, crsSource) = ResolveCrs(shpPath, file, options);
        var (encoding, encodingSource) = ShapefileEncoding.Resolve(shpPath, file, options.Encoding);
        var (fields, rows) = CheckRowCount(shpPath, dbfPath, file, encoding);
        return new SourceLayer(Features(shpPath, file, encoding, cancellationToken), crs, crsSource, $"{encoding.WebName} ({encodingSource})") { Fields = fields, Declared = rows };
    }

    /// <summary>The features one at a time, read from the file as they are enumerated (a 1,000,000-row file is never held whole).</summary>
    private static IEnumerable<SourceFeature> Features(string shpPath, string file, System.Text.Encoding encoding, CancellationToken cancellationToken)
    {
        var row = 0;
        using var reader = Damaged(file, row, () => NetTopologySuite.IO.Esri.Shapefile.OpenRead(shpPath, new ShapefileReaderOptions { Encoding = encoding }));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deleted = false;
            if (!Damaged(file, row, () => reader.Read(out deleted)))
            {
                yield break;
            }

            row++;
            if (deleted)
            {
                continue;
            }

            if (reader.Geometry is null || reader.Geometry.IsEmpty)
            {
                throw new FileInputException(file, "the shape is empty (null shape); delete the record or draw its geometry", row);
            }

            var properties = new Dictionary<string, object?>(reader.Fields.Count, StringComparer.Ordinal);
            foreach (var field in reader.Fields)
            {
                properties[field.Name] = field.Value;
            }

            yield return new SourceFeature(row, reader.Geometry, properties);
        }
    }

    /// <summary>Runs one read of the library, turning what a damaged or truncated file throws into a message naming the row.</summary>
    private static T Damaged<T>(string file, int row, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ShapefileException or EndOfStreamException or IOException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new FileInputException(file, $"the shapefile cannot be read ({e.Message}); it may be damaged or truncated", row + 1, innerException: e);
        }
    }

    private static (CrsDefinition Crs, string Source) ResolveCrs(string shpPath, string file, FileReadOptions options)
    {
        if (options.Crs is not null)
        {
            return FileCrs.FromRequest(options.Crs, file);
        }

        var prj = ShapefileEncoding.Sibling(shpPath, ".prj")
            ?? throw new FileInputException(file, $"the .prj is missing, so the CRS is unknown; add the .prj or supply the crs ({InputCrs.Accepted})", field: "crs");
        var (crs, error) = InputCrs.FromWkt(File.ReadAllText(prj));
        return crs is not null ? (crs, ".prj") : throw new FileInputException(file, error!, field: "crs");
    }

    /// <summary>The .shp header states the file's length in 16-bit words; a shorter file was cut off in transfer.</summary>
    private static void CheckLength(string shpPath, string file)
    {
        var actual = new FileInfo(shpPath).Length;
        Span<byte> header = stackalloc byte[HeaderBytes];
        using (var stream = File.OpenRead(shpPath))
        {
            if (actual < HeaderBytes || stream.Read(header) < HeaderBytes || BinaryPrimitives.ReadInt32BigEndian(header) != 9994)
            {
                throw new FileInputException(file, "the .shp has no valid header (file code 9994); it is not a shapefile or is damaged");
            }
        }

        var declared = 2L * BinaryPrimitives.ReadInt32BigEndian(header[24..]);
        if (actual < declared)
        {
            throw new FileInputException(file, $"the .shp is truncated: its header says {declared:N0} bytes, the file has {actual:N0}; copy or unzip it again");
        }
    }

    /// <summary>Checks the .dbf's rows against the .shx's shapes and answers the .dbf's field names and row count.</summary>
    private static (List<string> Fields, int Rows) CheckRowCount(string shpPath, string dbfPath, string file, System.Text.Encoding encoding)
    {
        int dbfRows;
        List<string> fields;
        using (var dbf = new DbfReader(dbfPath, encoding))
        {
            dbfRows = dbf.RecordCount;
            fields = [.. dbf.Fields.Select(f => f.Name)];
        }

        var shx = ShapefileEncoding.Sibling(shpPath, ".shx");
        if (shx is null)
        {
            return (fields, dbfRows);
        }

        var shapes = (new FileInfo(shx).Length - HeaderBytes) / ShxRecordBytes;
        if (shapes != dbfRows)
        {
            throw new FileInputException(file, $"the .dbf has {dbfRows:N0} rows but the .shp has {shapes:N0} shapes; the files belong to different versions of the layer");
        }

        return (fields, dbfRows);
    }
}
