using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;
using NetTopologySuite.IO.Esri.Dbf;
using NetTopologySuite.IO.Esri.Dbf.Fields;

namespace Geo.Core.Formats.Shapefile.Internal;

/// <summary>
/// The rows of a .dbf, one at a time, with the values NetTopologySuite.IO.Esri's <see cref="DbfReader"/> gives.
/// The library opens the file (so its header checks and errors stay its own) and names the fields; when the header is
/// plain (dBASE III, records at least as long as their fields, field types C, N, F, L, D, an encoding that keeps ASCII
/// as ASCII) the records are then read here from a window of the file: the library spent about 2.2 s of CPU on a
/// 1,000,000-parcel file (a stream copy per record and per field, and every 80-byte GBK text field decoded whole,
/// trailing blanks and all). Each value is what the library's field class makes of the same bytes; any other file is
/// read by the library itself.
/// </summary>
internal sealed class DbfRecords : IDisposable
{
    private const int VersionOffset = 0;
    private const int HeaderSizeOffset = 8;
    private const int RecordSizeOffset = 10;
    private const byte DeletedMark = (byte)'*';
    private const int WindowBytes = 1 << 20;
    private const char Replacement = '\uFFFD';
    // The bytes that decode to white space in an encoding that keeps ASCII, trimmed from the end of a text field.
    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t\n\v\f\r"u8);

    private readonly FileStream _stream;
    private readonly DbfReader _library;
    private readonly SafeFileHandle? _file;
    private readonly Encoding _encoding;
    private readonly Column[] _columns;
    // The current row's values, in field order (valid until the next Read).
    private readonly object?[] _values;
    private readonly int _recordSize;
    private readonly long _firstRecord;
    private byte[] _window = [];
    private long _windowStart;
    private int _windowLength;
    private int _next;

    private DbfRecords(FileStream stream, DbfReader library, SafeFileHandle? file, Encoding encoding, Column[] columns, long firstRecord)
    {
        (_stream, _library, _file, _encoding, _columns, _firstRecord) = (stream, library, file, encoding, columns, firstRecord);
        _recordSize = library.RecordSize;
        _values = new object?[columns.Length];
    }

    /// <summary>Whether the records are read here (false: by the library).</summary>
    public bool Direct => _file is not null;

    /// <summary>The field definitions as the library read them from the header.</summary>
    public DbfFieldCollection Fields => _library.Fields;

    public static DbfRecords Open(string dbfPath, Encoding encoding)
    {
        // On a stream: given a path, the library opens it with the extension changed to lower-case ".dbf", and so misses
        // the X.DBF that ShapefileEncoding.Sibling found.
        var stream = File.OpenRead(dbfPath);
        DbfReader? library = null;
        try
        {
            library = new DbfReader(stream, encoding);
            var columns = Columns(library.Fields, library.RecordSize);
            if (columns is null || !KeepsAscii(encoding))
            {
                return new DbfRecords(stream, library, null, encoding, [], 0);
            }

            var file = File.OpenHandle(dbfPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            Span<byte> header = stackalloc byte[12];
            if (RandomAccess.Read(file, header, 0) < header.Length || header[VersionOffset] != 3
                || BinaryPrimitives.ReadUInt16LittleEndian(header[RecordSizeOffset..]) != library.RecordSize)
            {
                file.Dispose();
                return new DbfRecords(stream, library, null, encoding, [], 0);
            }

            return new DbfRecords(stream, library, file, encoding, columns, BinaryPrimitives.ReadUInt16LittleEndian(header[HeaderSizeOffset..]));
        }
        catch
        {
            library?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The next row, or false past the header's row count; <paramref name="deleted"/> tells a row marked deleted.</summary>
    public bool Read(out bool deleted)
    {
        if (_file is null)
        {
            return _library.Read(out deleted);
        }

        deleted = false;
        if (_next >= _library.RecordCount)
        {
            return false;
        }

        var record = Record(_next);
        deleted = record[0] == DeletedMark;
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            _values[i] = Value(column.Kind, record.Slice(column.Offset, column.Length));
        }

        _next++;
        return true;
    }

    /// <summary>The current row as field name → value.</summary>
    public Dictionary<string, object?> Properties()
    {
        if (_file is null)
        {
            return Properties(_library.Fields);
        }

        var properties = new Dictionary<string, object?>(_columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            properties[_columns[i].Name] = _values[i];
        }

        return properties;
    }

    /// <summary>The library's current row as field name → value.</summary>
    public static Dictionary<string, object?> Properties(DbfFieldCollection fields)
    {
        var properties = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            properties[field.Name] = field.Value;
        }

        return properties;
    }

    private enum Kind
    {
        Text,
        Int32,
        Int64,
        Double,
        Decimal,
        Date,
        Logical,
    }

    private sealed record Column(string Name, Kind Kind, int Offset, int Length);

    /// <summary>Each field's kind and place in the record, or null when a field is of a class this reader does not know or overruns the record.</summary>
    private static Column[]? Columns(DbfFieldCollection fields, int recordSize)
    {
        var columns = new Column[fields.Count];
        var offset = 1;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            Kind? kind = field switch
            {
                DbfCharacterField => Kind.Text,
                DbfNumericInt32Field => Kind.Int32,
                DbfNumericInt64Field => Kind.Int64,
                DbfNumericDoubleField or DbfFloatField => Kind.Double,
                DbfNumericDecimalField => Kind.Decimal,
                DbfDateField => Kind.Date,
                DbfLogicalField => Kind.Logical,
                _ => null,
            };
            if (kind is null || field.Length < 1)
            {
                return null;
            }

            columns[i] = new Column(field.Name, kind.Value, offset, field.Length);
            offset += field.Length;
        }

        return offset <= recordSize ? columns : null;
    }

    /// <summary>Bytes 0–127 decode to the same characters (so blanks and ASCII digits can be told apart from text bytes).</summary>
    private static bool KeepsAscii(Encoding encoding)
    {
        var bytes = new byte[128];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        return encoding.GetString(bytes) == Encoding.ASCII.GetString(bytes);
    }

    /// <summary>
    /// The value the library's field class reads from these bytes: its string (all-NUL is null; NULs trimmed), then
    /// per class the same trims and the same parse (a number or date it cannot parse throws the same exception).
    /// </summary>
    private object? Value(Kind kind, ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyExcept((byte)0))
        {
            return null;
        }

        return kind switch
        {
            Kind.Text => Text(bytes),
            Kind.Date => Date(AsciiText(bytes).Trim()),
            Kind.Logical => Logical(AsciiText(bytes).Trim()),
            Kind.Int32 => Number(bytes) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null,
            Kind.Int64 => Number(bytes) is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : null,
            Kind.Double => Number(bytes) is { } n ? double.Parse(n, CultureInfo.InvariantCulture) : null,
            Kind.Decimal => Number(bytes) is { } n ? decimal.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The library decodes the fields other than text as ASCII (any byte above 127 becomes '?') and trims NULs.</summary>
    private static string AsciiText(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes).Trim('\0');

    /// <summary>A number's text as the library parses it (stars trimmed, not blanks), or null for an empty field.</summary>
    private static string? Number(ReadOnlySpan<byte> bytes) => AsciiText(bytes).Trim('*') is var text && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static DateTime? Date(string text) =>
        text.Length == 0 || text == "00000000" ? null : DateTime.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture);

    private static bool? Logical(string text) => text.Length == 0 ? null : text[0] switch
    {
        'T' or 't' or 'Y' or 'y' => true,
        'F' or 'f' or 'N' or 'n' => false,
        _ => null,
    };

    /// <summary>
    /// A text field as the library reads it (decoded, NULs trimmed both ends, then white space trimmed at the end), but
    /// with the trailing NULs and ASCII blanks cut off before decoding: most of an 80-byte field is padding. When the cut
    /// text ends in a broken character (a lead byte whose second byte was a blank) the whole field is decoded instead,
    /// so the decoder meets the same bytes the library gives it.
    /// </summary>
    private string Text(ReadOnlySpan<byte> bytes)
    {
        var cut = bytes[..(bytes.LastIndexOfAnyExcept((byte)0) + 1)];
        cut = cut[..(cut.LastIndexOfAnyExcept(Blanks) + 1)];
        // ASCII decodes to itself in these encodings, without the code page's decoder.
        var text = Ascii.IsValid(cut) ? Encoding.ASCII.GetString(cut) : _encoding.GetString(cut);
        if (text.Length > 0 && text[^1] is Replacement or '?')
        {
            return _encoding.GetString(bytes).Trim('\0').TrimEnd();
        }

        return text.TrimStart('\0').TrimEnd();
    }

    /// <summary>Record <paramref name="index"/>'s bytes, refilling the window as needed; a file cut short is refused.</summary>
    private ReadOnlySpan<byte> Record(int index)
    {
        var start = _firstRecord + (long)index * _recordSize;
        if (start < _windowStart || start + _recordSize > _windowStart + _windowLength)
        {
            if (_window.Length == 0)
            {
                _window = new byte[Math.Max(1, WindowBytes / _recordSize) * _recordSize];
            }

            _windowStart = start;
            _windowLength = RandomAccess.Read(_file!, _window, start);
            if (_windowLength < _recordSize)
            {
                throw new EndOfStreamException($"the .dbf ends within row {index + 1:N0} of the {_library.RecordCount:N0} its header declares");
            }
        }

        return _window.AsSpan((int)(start - _windowStart), _recordSize);
    }

    public void Dispose()
    {
        _file?.Dispose();
        _library.Dispose();
        _stream.Dispose();
    }
}
