using System.Buffers.Binary;

namespace Geo.Api.OgcApi;

/// <summary>
/// Writes a geometry's GeoJSON straight from the EWKB PostGIS sent (<see cref="Feature.Stored"/>): what
/// <see cref="GeoJsonGeometryWriter"/> writes for the NTS geometry read from those bytes, without reading it. Building
/// NTS objects (a coordinate object per vertex, a ring, a polygon, a multipolygon per feature) was the largest share of
/// our CPU on a 1,000-parcel bbox page and most of what it allocated. Covers the geometries that writer covers (non-empty
/// points, lines, polygons and their multi forms, 2D); anything else (an empty part, a collection, Z or M values, a ring
/// of fewer than four positions or not closed, big-endian bytes) is left to the NTS path, which reads it as before.
/// </summary>
internal static class GeoJsonWkbWriter
{
    private const int Point = 1, LineString = 2, Polygon = 3, MultiPoint = 4, MultiLineString = 5, MultiPolygon = 6;
    private const uint HasZ = 0x8000_0000, HasM = 0x4000_0000, HasSrid = 0x2000_0000;
    private const int PositionBytes = 16;

    private static readonly string[] TypeNames = ["", "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"];

    /// <param name="swapAxes">Latitude first (EPSG:4490's axis order): the bytes hold longitude first.</param>
    /// <returns>False, having written nothing, when the geometry is not one this writer covers.</returns>
    public static bool TryWrite(Utf8JsonWriter writer, StoredGeometry stored, int decimals, bool swapAxes)
    {
        var ewkb = stored.Ewkb;
        var offset = 0;
        var type = Covered(ewkb.Span, ref offset, part: 0);
        if (type == 0 || offset != ewkb.Length)
        {
            return false;
        }

        offset = 0;
        type = Header(ewkb.Span, ref offset, out _);
        writer.WriteStartObject();
        writer.WriteString("type", TypeNames[type]);
        writer.WritePropertyName("coordinates");
        if (type >= MultiPoint)
        {
            writer.WriteStartArray();
            var parts = Count(ewkb.Span, ref offset);
            for (var i = 0; i < parts; i++)
            {
                Header(ewkb.Span, ref offset, out _);
                WriteCoordinates(writer, ewkb, ref offset, type - MultiPoint + Point, decimals, swapAxes);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteCoordinates(writer, ewkb, ref offset, type, decimals, swapAxes);
        }

        writer.WriteEndObject();
        return true;
    }

    private static void WriteCoordinates(Utf8JsonWriter writer, ReadOnlyMemory<byte> ewkb, ref int offset, int type, int decimals, bool swapAxes)
    {
        switch (type)
        {
            case Point:
                GeoJsonGeometryWriter.WritePosition(writer, new PositionSequence(ewkb, offset, 1, swapAxes), 0, decimals);
                offset += PositionBytes;
                break;
            case LineString:
                GeoJsonGeometryWriter.WriteSequence(writer, Positions(ewkb, ref offset, swapAxes), decimals);
                break;
            default:
                writer.WriteStartArray();
                var rings = Count(ewkb.Span, ref offset);
                for (var i = 0; i < rings; i++)
                {
                    GeoJsonGeometryWriter.WriteRing(writer, Positions(ewkb, ref offset, swapAxes), decimals, shell: i == 0);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static PositionSequence Positions(ReadOnlyMemory<byte> ewkb, ref int offset, bool swapAxes)
    {
        var count = Count(ewkb.Span, ref offset);
        var positions = new PositionSequence(ewkb, offset, count, swapAxes);
        offset += count * PositionBytes;
        return positions;
    }

    /// <summary>
    /// The geometry's type (1–6) when the writer covers it, else 0; moves <paramref name="offset"/> past it.
    /// </summary>
    /// <param name="part">The multi type whose part this is, or 0 for the whole geometry.</param>
    private static int Covered(ReadOnlySpan<byte> ewkb, ref int offset, int part)
    {
        if (offset + 5 > ewkb.Length || ewkb[offset] != 1)
        {
            return 0;
        }

        var type = Header(ewkb, ref offset, out var flags);
        if ((flags & (HasZ | HasM)) != 0 || type is < Point or > MultiPolygon || (part != 0 && type != part - MultiPoint + Point))
        {
            return 0;
        }

        switch (type)
        {
            case Point:
                // NTS reads NaN coordinates as an empty point, which the NTS path writes its own way.
                var covered = Room(ewkb, offset, 1) && !double.IsNaN(X(ewkb, offset)) && !double.IsNaN(Y(ewkb, offset));
                offset += PositionBytes;
                return covered ? type : 0;
            case LineString:
                return CoveredPositions(ewkb, ref offset, minimum: 2, closed: false) ? type : 0;
            default:
                if (!TryCount(ewkb, ref offset, out var count) || count == 0)
                {
                    return 0;
                }

                for (var i = 0; i < count; i++)
                {
                    var ok = type == Polygon
                        ? CoveredPositions(ewkb, ref offset, minimum: 4, closed: true)
                        : Covered(ewkb, ref offset, part: type) != 0;
                    if (!ok)
                    {
                        return 0;
                    }
                }

                return type;
        }
    }

    /// <summary>A count and its positions: at least <paramref name="minimum"/>, and a ring's last the same as its first (as NTS requires).</summary>
    private static bool CoveredPositions(ReadOnlySpan<byte> ewkb, ref int offset, int minimum, bool closed)
    {
        if (!TryCount(ewkb, ref offset, out var count) || count < minimum || !Room(ewkb, offset, count))
        {
            return false;
        }

        var last = offset + ((count - 1) * PositionBytes);
        var ends = !closed || (X(ewkb, offset) == X(ewkb, last) && Y(ewkb, offset) == Y(ewkb, last));
        offset += count * PositionBytes;
        return ends;
    }

    private static bool TryCount(ReadOnlySpan<byte> ewkb, ref int offset, out int count)
    {
        count = 0;
        if (offset + 4 > ewkb.Length)
        {
            return false;
        }

        count = Count(ewkb, ref offset);
        return true;
    }

    /// <summary>Whether <paramref name="positions"/> positions fit after <paramref name="offset"/>.</summary>
    private static bool Room(ReadOnlySpan<byte> ewkb, int offset, long positions) => offset + (positions * PositionBytes) <= ewkb.Length;

    /// <summary>A geometry's type, its flags, and past its SRID when it has one.</summary>
    private static int Header(ReadOnlySpan<byte> ewkb, ref int offset, out uint flags)
    {
        flags = BinaryPrimitives.ReadUInt32LittleEndian(ewkb[(offset + 1)..]);
        offset += (flags & HasSrid) != 0 ? 9 : 5;
        return (int)(flags & 0x0FFF_FFFF);
    }

    private static int Count(ReadOnlySpan<byte> ewkb, ref int offset)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(ewkb[offset..]);
        offset += 4;
        return count > int.MaxValue / PositionBytes ? int.MaxValue / PositionBytes : (int)count;
    }

    private static double X(ReadOnlySpan<byte> ewkb, int offset) => BinaryPrimitives.ReadDoubleLittleEndian(ewkb[offset..]);

    private static double Y(ReadOnlySpan<byte> ewkb, int offset) => BinaryPrimitives.ReadDoubleLittleEndian(ewkb[(offset + 8)..]);

    /// <summary>
    /// A read-only view of positions in the bytes, in output axis order, so that the NTS writer's rounding, number
    /// formatting and ring orientation apply unchanged.
    /// </summary>
    private sealed class PositionSequence(ReadOnlyMemory<byte> ewkb, int start, int count, bool swapAxes) : CoordinateSequence(count, 2, 0)
    {
        public override double GetOrdinate(int index, int ordinateIndex)
        {
            var position = start + (index * PositionBytes);
            return (ordinateIndex == 0) != swapAxes ? X(ewkb.Span, position) : Y(ewkb.Span, position);
        }

        public override void SetOrdinate(int index, int ordinateIndex, double value) => throw new NotSupportedException("a view of stored bytes is read-only");

        public override CoordinateSequence Copy() => throw new NotSupportedException("a view of stored bytes is not copied");
    }
}
