using System.Buffers.Binary;
using Geo.Core.GisData;
using Microsoft.Win32.SafeHandles;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using NetTopologySuite.IO.Esri.Shp;
using NetTopologySuite.IO.Esri.Shp.Readers;

namespace Geo.Core.Formats.Shapefile.Internal;

/// <summary>
/// The shapes of a polygon .shp (type 5, or PolygonZ 15 / PolygonM 25), one record at a time, as NetTopologySuite.IO.Esri
/// builds them (as drawn, valid or not: an import repairs an invalid polygon and reports it).
/// The common record, one closed ring of at most <see cref="SimpleRing.MaxPositions"/> positions that
/// <see cref="SimpleRing"/> proves valid, is read here from a window of the file straight into its coordinate sequence:
/// the library spent about 3 s of CPU on a 1,000,000-parcel file (stream reads per number, and an <c>IsValid</c> per
/// shape), more than half of GDAL's whole import. Any other record (several rings, a null shape, another shape type, a
/// ring the proof does not decide, a length that does not add up) is read by the library itself at the same offset, so
/// its geometry and its damaged-file exceptions are the library's own, and a polygon record whose counts do not match
/// its length is refused here first. A PolygonZ or PolygonM file's records are all the library's.
/// </summary>
internal sealed class ShpPolygonRecords : IDisposable
{
    private const int PolygonType = 5;
    private const int PolygonZType = 15;
    private const int PolygonMType = 25;
    private const int HeaderBytes = 100;
    private const int RecordHeaderBytes = 8;
    // Shape type, box, part count, point count, one part offset.
    private const int OneRingPrefixBytes = 4 + 32 + 4 + 4 + 4;
    private const int WindowBytes = 1 << 20;

    private readonly string _shpPath;
    private readonly SafeFileHandle _file;
    private readonly long _end;
    private readonly int _records;
    private readonly GeometryFactory _factory = NetTopologySuite.Geometries.Geometry.DefaultFactory;
    private byte[] _window = new byte[WindowBytes];
    private long _windowStart;
    private int _windowLength;
    private long _position = HeaderBytes;
    private int _recordNumber = 1;
    private FileStream? _libraryStream;
    private ShpReader? _library;

    /// <param name="records">The .dbf's row count: like the library, no more shapes are read than the .dbf has rows.</param>
    private ShpPolygonRecords(string shpPath, SafeFileHandle file, long declaredBytes, int records) =>
        (_shpPath, _file, _end, _records) = (shpPath, file, declaredBytes - 1, records);

    /// <summary>Records this reader built itself (the rest went to the library).</summary>
    public int Direct { get; private set; }

    /// <summary>The polygon file opened for reading, or null when the file is of another shape type (then the library reads it all).</summary>
    public static ShpPolygonRecords? Open(string shpPath, int records)
    {
        var file = File.OpenHandle(shpPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (RandomAccess.Read(file, header, 0) < HeaderBytes || BinaryPrimitives.ReadInt32LittleEndian(header[32..]) is not (PolygonType or PolygonZType or PolygonMType))
        {
            file.Dispose();
            return null;
        }

        return new ShpPolygonRecords(shpPath, file, 2L * BinaryPrimitives.ReadInt32BigEndian(header[24..]), records);
    }

    /// <summary>
    /// The next shape (an empty one for a null shape), or false at the end. <paramref name="consumed"/> counts the records
    /// read for it: more than one when the library skipped records of another shape type, whose .dbf rows are skipped too.
    /// </summary>
    public bool Read(out NetTopologySuite.Geometries.Geometry? shape, out int consumed)
    {
        (shape, consumed) = (null, 0);
        if (_position >= _end || _recordNumber > _records)
        {
            return false;
        }

        if (TryDirect(out var polygon, out var length))
        {
            (shape, consumed) = (polygon, 1);
            _position += RecordHeaderBytes + length;
            _recordNumber++;
            Direct++;
            return true;
        }

        return ReadByLibrary(out shape, out consumed);
    }

    /// <summary>The record at the current position when it is one ring proved valid; false leaves it to the library.</summary>
    private bool TryDirect(out MultiPolygon? polygon, out int length)
    {
        polygon = null;
        var header = Bytes(RecordHeaderBytes);
        length = header.Length == RecordHeaderBytes ? 2 * BinaryPrimitives.ReadInt32BigEndian(header[4..]) : -1;
        if (length < OneRingPrefixBytes || _position + RecordHeaderBytes + length > _end + 1)
        {
            return false;
        }

        var record = Bytes(RecordHeaderBytes + length)[RecordHeaderBytes..];
        if (record.Length < length)
        {
            return false;
        }

        var points = BinaryPrimitives.ReadInt32LittleEndian(record[40..]);
        if (BinaryPrimitives.ReadInt32LittleEndian(record) != PolygonType
            || BinaryPrimitives.ReadInt32LittleEndian(record[36..]) != 1
            || BinaryPrimitives.ReadInt32LittleEndian(record[44..]) != 0
            || points < 4 || points > SimpleRing.MaxPositions
            || OneRingPrefixBytes + 16 * points > length)
        {
            return false;
        }

        Span<double> xy = stackalloc double[2 * points];
        var coordinates = record.Slice(OneRingPrefixBytes, 16 * points);
        for (var i = 0; i < xy.Length; i++)
        {
            xy[i] = BinaryPrimitives.ReadDoubleLittleEndian(coordinates[(8 * i)..]);
        }

        // Closed exactly (the library's LinearRing refuses anything else) and simple, so the library's IsValid passes too.
        if (xy[0] != xy[^2] || xy[1] != xy[^1] || !SimpleRing.IsValid(xy))
        {
            return false;
        }

        var sequence = _factory.CoordinateSequenceFactory.Create(points, Ordinates.XY);
        for (var i = 0; i < points; i++)
        {
            sequence.SetX(i, xy[2 * i]);
            sequence.SetY(i, xy[2 * i + 1]);
        }

        polygon = _factory.CreateMultiPolygon([_factory.CreatePolygon(_factory.CreateLinearRing(sequence))]);
        return true;
    }

    /// <summary>The library reads the record at the current position, and any records of another type it skips after it.</summary>
    private bool ReadByLibrary(out NetTopologySuite.Geometries.Geometry? shape, out int consumed)
    {
        if (_library is null)
        {
            _libraryStream = new FileStream(_shpPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            // As drawn, valid or not: the strict default throws at the first bow-tie and so refuses the whole file,
            // where an import repairs the polygon with make-valid and reports it by row, as for every other format.
            // That mode also reads a record whose counts overrun its length without a word, hence CheckLength first.
            _library = Shp.OpenRead(_libraryStream, new ShapefileReaderOptions { GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes });
        }

        CheckLength();
        _libraryStream!.Position = _position;
        var read = _library.Read();
        shape = read ? _library.Geometry : null;
        consumed = 0;
        Span<byte> header = stackalloc byte[RecordHeaderBytes];
        for (var at = _position; at < _libraryStream.Position; consumed++)
        {
            RandomAccess.Read(_file, header, at);
            at += RecordHeaderBytes + 2L * BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        }

        (_position, _recordNumber) = (_libraryStream.Position, _recordNumber + consumed);
        return read;
    }

    /// <summary>
    /// A polygon record's length must be what its part and point counts take (ESRI's layout: type, box, two counts, the
    /// part offsets, the points; then for PolygonZ the Z range and values, and for PolygonZ or PolygonM optionally the M
    /// range and values); anything else is a damaged record, refused as the strict reader would refuse it.
    /// </summary>
    private void CheckLength()
    {
        var header = Bytes(RecordHeaderBytes + OneRingPrefixBytes - 4);
        var type = header.Length >= RecordHeaderBytes + 4 ? BinaryPrimitives.ReadInt32LittleEndian(header[RecordHeaderBytes..]) : 0;
        if (type is not (PolygonType or PolygonZType or PolygonMType))
        {
            return;
        }

        var length = 2L * BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        var record = header[RecordHeaderBytes..];
        var (parts, points) = record.Length >= 44
            ? (BinaryPrimitives.ReadInt32LittleEndian(record[36..]), BinaryPrimitives.ReadInt32LittleEndian(record[40..]))
            : (-1, -1);
        var xy = 44 + 4L * Math.Max(parts, 0) + 16L * Math.Max(points, 0);
        var measures = 16 + 8L * Math.Max(points, 0);
        long[] allowed = type switch
        {
            PolygonZType => [xy + measures, xy + 2 * measures],
            PolygonMType => [xy, xy + measures],
            _ => [xy],
        };
        if (parts < 1 || points < 0 || !allowed.Contains(length))
        {
            throw new ShapefileException($"record {_recordNumber} is {length} bytes long, but its {parts} parts and {points} points take {string.Join(" or ", allowed)}");
        }
    }

    /// <summary>Up to <paramref name="count"/> bytes from the current position (fewer at the end of the file), refilling the window as needed.</summary>
    private ReadOnlySpan<byte> Bytes(int count)
    {
        var offset = _position - _windowStart;
        if (offset < 0 || offset + count > _windowLength)
        {
            if (count > _window.Length)
            {
                _window = new byte[count];
            }

            _windowStart = _position;
            _windowLength = RandomAccess.Read(_file, _window, _position);
            offset = 0;
        }

        return _window.AsSpan((int)offset, Math.Min(count, _windowLength - (int)offset));
    }

    public void Dispose()
    {
        _library?.Dispose();
        _libraryStream?.Dispose();
        _file.Dispose();
    }
}
