using System.Buffers.Binary;
using System.Text;
using Geo.Core.Formats.Internal;
using Geo.Core.Formats.Shapefile.Internal;
using NetTopologySuite.IO.Esri.Dbf;

namespace Geo.Core.Tests.Formats.Shapefile;

/// <summary>
/// .dbf files read by <see cref="DbfRecords"/> and by NetTopologySuite.IO.Esri's own <see cref="DbfReader"/>, the
/// reference: the same rows, the same deleted marks and the same values of the same types, over a GBK file GDAL wrote
/// (text, blanks, nulls, integers, decimals, dates, rows marked deleted) and a hand-made one whose fields hold the odd
/// bytes real files have (NUL padding, stars, a GBK character cut by the field's end, an ideographic space, tabs).
/// </summary>
public sealed class DbfRecordsTests : IDisposable
{
    private static readonly Encoding Gbk = TextEncodings.Gbk;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dbf-records-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_GBK_table_GDAL_wrote_reads_as_the_library_reads_it_deleted_rows_included()
    {
        var csv = Path.Combine(_folder.FullName, "地块.csv");
        await File.WriteAllTextAsync(csv, """
            dlmc,bsm,big,tbmj,ratio,day
            乔木林地,1,9000000001,12.5,0.125,2024-03-01
            ,2,,3.25,,
            城镇住宅用地,-3,-9000000003,0.000001,1e-7,1999-12-31
            水田 ,4,4,1234567.875,-2.5,2026-12-01
            "旱地,坡耕",5,5,,3,
            """);
        await File.WriteAllTextAsync(Path.ChangeExtension(csv, ".csvt"), "String(40),Integer(9),Integer64(15),Real(19.6),Real(24.15),Date");
        var dbf = Path.Combine(_folder.FullName, "地块.dbf");
        await Gdal.RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", dbf, csv);
        MarkDeleted(dbf, row: 2);
        MarkDeleted(dbf, row: 5);

        var (direct, library) = ReadBoth(dbf, Gbk);

        Assert.Equal(5, library.Count);
        Assert.Equal(library, direct);
        Assert.Equal([false, true, false, false, true], direct.Select(r => r.Deleted));
        // GDAL's columns and their readings, as the library's field classes type them.
        Assert.Equal("乔木林地", direct[0].Values["dlmc"]);
        Assert.Equal(1, direct[0].Values["bsm"]);
        Assert.Equal(9000000001L, direct[0].Values["big"]);
        Assert.Equal(12.5, direct[0].Values["tbmj"]);
        Assert.Equal(0.125m, direct[0].Values["ratio"]);
        Assert.Equal(new DateTime(2024, 3, 1), direct[0].Values["day"]);
        Assert.Equal(-3, direct[2].Values["bsm"]);
        Assert.Equal("水田", direct[3].Values["dlmc"]);
        Assert.Equal("旱地,坡耕", direct[4].Values["dlmc"]);
    }

    [Fact]
    public void A_hand_made_table_of_odd_bytes_reads_as_the_library_reads_it()
    {
        var fields = new (string Name, char Type, int Length, int Decimals)[]
        {
            ("name", 'C', 8, 0), ("code", 'N', 9, 0), ("big", 'N', 15, 0), ("area", 'N', 19, 4),
            ("exact", 'N', 24, 15), ("ratio", 'F', 12, 3), ("day", 'D', 8, 0), ("flag", 'L', 1, 0),
        };
        byte[][] ascii = [[.. "  "u8], [.. "  0"u8], [.. "7"u8], [.. "  1.2500"u8], [.. "3.000000000000001"u8], [.. "-1.5e+003"u8], [.. "20261201"u8], [.. "T"u8]];
        List<byte[][]> rows =
        [
            ascii,
            // All NULs: null in every column.
            [.. fields.Select(_ => Array.Empty<byte>())],
            // Blanks then NULs, NULs then blanks, stars, a zero date, an unknown logical.
            [Gbk.GetBytes("水田  "), [.. "***"u8], [.. "  \0"u8], [.. "\0\0 12"u8], [.. "*****"u8], [.. " "u8], [.. "00000000"u8], [.. "?"u8]],
            // A GBK character cut by the field's end, and one followed by a tab and a NUL.
            [[.. Gbk.GetBytes("林地草地")[..7]], [.. "-12"u8], [.. "-900719925474"u8], [.. "0"u8], [.. "-0.5"u8], [.. "0.001"u8], [.. "        "u8], [.. "y"u8]],
            [[.. Gbk.GetBytes("旱地"), (byte)'\t', 0], [.. "+5"u8], [.. " "u8], [.. "\0"u8], [.. "1"u8], [.. "2"u8], [.. "19991231"u8], [.. "n"u8]],
            // An ideographic space (A1 A1) before blanks, leading NULs, a lead byte alone before blanks.
            [[.. Gbk.GetBytes("园地　"), (byte)' '], [.. "\0\07"u8], [.. "0"u8], [.. "5"u8], [.. "5"u8], [.. "5"u8], [.. "20000229"u8], [.. "F"u8]],
            [[0, 0, .. Gbk.GetBytes("地")], [.. "1"u8], [.. "1"u8], [.. "1"u8], [.. "1"u8], [.. "1"u8], [.. "20000101"u8], [.. " "u8]],
            [[0xC1, (byte)' ', (byte)' '], [.. "1"u8], [.. "1"u8], [.. "1"u8], [.. "1"u8], [.. "1"u8], [.. "20000101"u8], [.. "t"u8]],
        ];
        var dbf = Path.Combine(_folder.FullName, "odd.dbf");
        File.WriteAllBytes(dbf, Table(fields, rows, deleted: [3]));

        var (direct, library) = ReadBoth(dbf, Gbk);

        Assert.Equal(rows.Count, library.Count);
        Assert.Equal(library, direct);
        // A few readings spelt out, so the comparison is known to cover what it claims.
        Assert.Equal(
            ["", 0, 7L, 1.25, 3.000000000000001m, -1500.0, new DateTime(2026, 12, 1), true],
            fields.Select(f => direct[0].Values[f.Name]));
        Assert.All(fields, f => Assert.Null(direct[1].Values[f.Name]));
        Assert.Equal("水田", direct[2].Values["name"]);
        Assert.True(direct[3].Deleted);
        Assert.EndsWith(TextEncodings.Replacement.ToString(), (string)direct[3].Values["name"]!, StringComparison.Ordinal);
        Assert.Equal("园地", direct[5].Values["name"]);
    }

    [Fact]
    public void A_number_the_library_cannot_parse_throws_its_exception_on_either_path()
    {
        var dbf = Path.Combine(_folder.FullName, "bad.dbf");
        File.WriteAllBytes(dbf, Table([("code", 'N', 5, 0)], [[[.. "12"u8]], [[.. "1-2"u8]]], deleted: []));

        var direct = Assert.ThrowsAny<Exception>(() => ReadBoth(dbf, Gbk));
        using var library = new DbfReader(dbf, Gbk);
        Assert.True(library.Read(out _));
        var theirs = Assert.ThrowsAny<Exception>(() => library.Read(out _));

        Assert.Equal(theirs.GetType(), direct.GetType());
        Assert.Equal(theirs.Message, direct.Message);
    }

    [Fact]
    public void An_encoding_that_does_not_keep_ASCII_is_left_to_the_library()
    {
        var dbf = Path.Combine(_folder.FullName, "ebcdic.dbf");
        File.WriteAllBytes(dbf, Table([("code", 'N', 5, 0)], [[[.. "12"u8]]], deleted: []));

        using var records = DbfRecords.Open(dbf, TextEncodings.ForCodePage(37));

        Assert.False(records.Direct);
        Assert.True(records.Read(out _));
    }

    [Fact]
    public void A_table_cut_short_is_refused_rather_than_read_past_its_end()
    {
        var dbf = Path.Combine(_folder.FullName, "cut.dbf");
        var table = Table([("code", 'N', 5, 0)], [[[.. "1"u8]], [[.. "2"u8]], [[.. "3"u8]]], deleted: []);
        File.WriteAllBytes(dbf, table[..^4]);

        using var records = DbfRecords.Open(dbf, Gbk);

        Assert.True(records.Read(out _) && records.Read(out _));
        Assert.Contains("ends within row 3 of the 3", Assert.Throws<EndOfStreamException>(() => records.Read(out _)).Message, StringComparison.Ordinal);
    }

    private sealed record Row(bool Deleted, Dictionary<string, object?> Values)
    {
        public bool Equals(Row? other) =>
            other is not null && Deleted == other.Deleted && Values.Count == other.Values.Count
            && Values.All(v => other.Values.TryGetValue(v.Key, out var value) && Equals(v.Value, value) && v.Value?.GetType() == value?.GetType());

        public override int GetHashCode() => Deleted.GetHashCode();

        public override string ToString() =>
            $"{(Deleted ? "deleted " : "")}{{{string.Join(", ", Values.Select(v => $"{v.Key}={v.Value ?? "null"} ({v.Value?.GetType().Name})"))}}}";
    }

    /// <summary>Every row by <see cref="DbfRecords"/> (which must read them itself) and by the library's <see cref="DbfReader"/>.</summary>
    private static (List<Row> Direct, List<Row> Library) ReadBoth(string dbf, Encoding encoding)
    {
        var direct = new List<Row>();
        using (var records = DbfRecords.Open(dbf, encoding))
        {
            Assert.True(records.Direct);
            while (records.Read(out var deleted))
            {
                direct.Add(new Row(deleted, records.Properties()));
            }
        }

        var library = new List<Row>();
        using var reader = new DbfReader(dbf, encoding);
        while (reader.Read(out var deleted))
        {
            library.Add(new Row(deleted, reader.Fields.ToDictionary(f => f.Name, f => (object?)f.Value)));
        }

        return (direct, library);
    }

    /// <summary>Sets the deleted mark ('*') of a 1-based row of a dBASE III table.</summary>
    private static void MarkDeleted(string dbf, int row)
    {
        using var stream = new FileStream(dbf, FileMode.Open, FileAccess.ReadWrite);
        Span<byte> header = stackalloc byte[12];
        stream.ReadExactly(header);
        stream.Position = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) + (long)(row - 1) * BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
        stream.WriteByte((byte)'*');
    }

    /// <summary>
    /// A dBASE III table laid out by the format's description (header, 32-byte field descriptors, 0x0D, fixed-size records
    /// each led by a blank or '*'); each value's bytes are written as given and the rest of the field is left NUL.
    /// </summary>
    private static byte[] Table((string Name, char Type, int Length, int Decimals)[] fields, List<byte[][]> rows, int[] deleted)
    {
        var headerSize = 32 + 32 * fields.Length + 1;
        var recordSize = 1 + fields.Sum(f => f.Length);
        var bytes = new byte[headerSize + rows.Count * recordSize + 1];
        bytes[0] = 3;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), rows.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(10), (ushort)recordSize);
        for (var i = 0; i < fields.Length; i++)
        {
            var descriptor = bytes.AsSpan(32 + 32 * i, 32);
            Encoding.ASCII.GetBytes(fields[i].Name, descriptor);
            descriptor[11] = (byte)fields[i].Type;
            descriptor[16] = (byte)fields[i].Length;
            descriptor[17] = (byte)fields[i].Decimals;
        }

        bytes[headerSize - 1] = 0x0D;
        for (var r = 0; r < rows.Count; r++)
        {
            var record = bytes.AsSpan(headerSize + r * recordSize, recordSize);
            record[0] = deleted.Contains(r) ? (byte)'*' : (byte)' ';
            var offset = 1;
            for (var i = 0; i < fields.Length; i++)
            {
                rows[r][i].CopyTo(record[offset..]);
                offset += fields[i].Length;
            }
        }

        bytes[^1] = 0x1A;
        return bytes;
    }
}
