using System.Buffers.Binary;
using Geo.Core.Formats.Shapefile.Internal;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace Geo.Core.Formats.Shapefile;

/// <summary>
/// Reads an ESRI Shapefile (.shp + .dbf, with .shx, .prj, .cpg when present) through NetTopologySuite.IO.Esri, after
/// checking what that library would otherwise read silently short: the .shp's declared length and the .dbf's row count.
/// A polygon file's common one-ring shapes are read by <see cref="ShpPolygonRecords"/> and its rows by
/// <see cref="DbfRecords"/>, as the library would read them.
/// </summary>
internal static class ShapefileReader
{
    private const int HeaderBytes = 100;
    private const int ShxRecordBytes = 8;
    // The library's own words when the .shp and .dbf disagree on the record count (ShapefileReader.Read).
    private const string OneToOne = "Corrupted shapefile data. The dBASE table must contain feature attributes with one record per feature. There must be one-to-one relationship between geometry and attributes.";

    public static SourceLayer Read(string shpPath, string file, FileReadOptions options, CancellationToken cancellationToken)
    {
        var dbfPath = ShapefileEncoding.Sibling(shpPath, ".dbf")
            ?? throw new FileInputException(file, "the .dbf is missing; a shapefile needs its .shp, .shx and .dbf (and .prj) together, e.g. in one zip");
        CheckLength(shpPath, file);
        var (crs, crsSource) = ResolveCrs(shpPath, file, options);
        var (encoding, encodingSource) = ShapefileEncoding.Resolve(shpPath, file, options.Encoding);
        var (fields, rows) = CheckRowCount(shpPath, dbfPath, file, encoding);
        return new SourceLayer(Features(shpPath, dbfPath, rows, file, encoding, options.ShapefileByLibrary, cancellationToken), crs, crsSource, $"{encoding.WebName} ({encodingSource})") { Fields = fields, Declared = rows };
    }

    /// <summary>The features one at a time, read from the file as they are enumerated (a 1,000,000-row file is never held whole).</summary>
    /// <param name="records">The .dbf's row count: no more shapes are read than that, as the library does.</param>
    private static IEnumerable<SourceFeature> Features(
        string shpPath, string dbfPath, int records, string file, System.Text.Encoding encoding, bool byLibrary, CancellationToken cancellationToken)
    {
        var row = 0;
        using var polygons = byLibrary ? null : Damaged(file, row, () => ShpPolygonRecords.Open(shpPath, records));
        if (polygons is null)
        {
            foreach (var feature in LibraryFeatures(shpPath, dbfPath, file, encoding, cancellationToken))
            {
                yield return feature;
            }

            yield break;
        }

        using var dbf = Damaged(file, row, () => DbfRecords.Open(dbfPath, encoding));

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deleted = false;
            NetTopologySuite.Geometries.Geometry? shape = null;
            // The library's ShapefileReader.Read in the same order: the shape, the .dbf rows of any shapes it skipped, the row.
            if (!Damaged(file, row, () => NextRecord(polygons, dbf, out shape, out deleted)))
            {
                yield break;
            }

            row++;
            if (!deleted)
            {
                yield return Feature(file, row, shape, dbf.Properties());
            }
        }
    }

    private static bool NextRecord(ShpPolygonRecords polygons, DbfRecords dbf, out NetTopologySuite.Geometries.Geometry? shape, out bool deleted)
    {
        var hasShape = polygons.Read(out shape, out var consumed);
        for (var skipped = 1; skipped < consumed; skipped++)
        {
            if (!dbf.Read(out _))
            {
                throw new ShapefileException(OneToOne);
            }
        }

        var hasRow = dbf.Read(out deleted);
        return hasRow == hasShape ? hasRow : throw new ShapefileException(OneToOne);
    }

    /// <summary>Every feature read by NetTopologySuite.IO.Esri alone: files of other shape types (and the comparison tests).</summary>
    /// <param name="dbfPath">The .dbf as found beside the .shp in any letter case: the library's own look-up by path would miss <c>X.DBF</c>.</param>
    private static IEnumerable<SourceFeature> LibraryFeatures(string shpPath, string dbfPath, string file, System.Text.Encoding encoding, CancellationToken cancellationToken)
    {
        var row = 0;
        using var shp = File.OpenRead(shpPath);
        using var dbf = File.OpenRead(dbfPath);
        using var reader = Damaged(file, row, () => NetTopologySuite.IO.Esri.Shapefile.OpenRead(shp, dbf, new ShapefileReaderOptions { Encoding = encoding }));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deleted = false;
            if (!Damaged(file, row, () => reader.Read(out deleted)))
            {
                yield break;
            }

            row++;
            if (!deleted)
            {
                yield return Feature(file, row, reader.Geometry, DbfRecords.Properties(reader.Fields));
            }
        }
    }

    private static SourceFeature Feature(string file, int row, NetTopologySuite.Geometries.Geometry? shape, Dictionary<string, object?> properties) =>
        shape is null || shape.IsEmpty
            ? throw new FileInputException(file, "the shape is empty (null shape); delete the record or draw its geometry", row)
            : new SourceFeature(row, shape, properties);

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
        // On a stream, as DbfRecords opens it: the library's own look-up by path would miss X.DBF.
        using (var stream = File.OpenRead(dbfPath))
        using (var dbf = new DbfReader(stream, encoding))
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
