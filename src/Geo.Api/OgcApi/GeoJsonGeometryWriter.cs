using System.Buffers.Text;
using NetTopologySuite.Algorithm;

namespace Geo.Api.OgcApi;

/// <summary>
/// Writes a plain 2D geometry's GeoJSON straight from its coordinate sequences, each coordinate rounded as it is written.
/// GeoJSON4STJ's converter needs a rounded copy of the geometry first (a copy of every ring and coordinate per
/// feature) and goes through the serializer; on an items page of 1,000 parcels that was most of the time spent in
/// .NET. The output is the converter's byte for byte (member order, shortest round-trip numbers); geometries it does
/// not cover (empty ones, collections, Z values) are left to the converter.
/// </summary>
internal static class GeoJsonGeometryWriter
{
    /// <returns>False, having written nothing, when the geometry is not one this writer covers.</returns>
    public static bool TryWrite(Utf8JsonWriter writer, Geometry geometry, int decimals)
    {
        if (!IsPlain(geometry))
        {
            return false;
        }

        writer.WriteStartObject();
        writer.WriteString("type", geometry.GeometryType);
        writer.WritePropertyName("coordinates");
        switch (geometry)
        {
            case Point point:
                WritePosition(writer, point.CoordinateSequence, 0, decimals);
                break;
            case LineString line:
                WriteSequence(writer, line.CoordinateSequence, decimals);
                break;
            case Polygon polygon:
                WritePolygon(writer, polygon, decimals);
                break;
            default:
                // MultiPoint, MultiLineString, MultiPolygon (IsPlain admits no other collection).
                writer.WriteStartArray();
                for (var i = 0; i < geometry.NumGeometries; i++)
                {
                    switch (geometry.GetGeometryN(i))
                    {
                        case Point point: WritePosition(writer, point.CoordinateSequence, 0, decimals); break;
                        case LineString line: WriteSequence(writer, line.CoordinateSequence, decimals); break;
                        case Polygon polygon: WritePolygon(writer, polygon, decimals); break;
                    }
                }

                writer.WriteEndArray();
                break;
        }

        writer.WriteEndObject();
        return true;
    }

    /// <summary>Non-empty points, lines, polygons and their multi forms, every part non-empty, no Z value.</summary>
    private static bool IsPlain(Geometry geometry) => geometry switch
    {
        Point or LineString or Polygon => IsPlainPart(geometry),
        MultiPoint or MultiLineString or MultiPolygon => !geometry.IsEmpty && AllParts(geometry),
        _ => false,
    };

    private static bool AllParts(Geometry collection)
    {
        for (var i = 0; i < collection.NumGeometries; i++)
        {
            if (!IsPlainPart(collection.GetGeometryN(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainPart(Geometry part)
    {
        switch (part)
        {
            case Point point:
                return !point.IsEmpty && Flat(point.CoordinateSequence);
            case LinearRing:
                return false;
            case LineString line:
                return !line.IsEmpty && Flat(line.CoordinateSequence);
            case Polygon polygon:
                // A ring of fewer than four positions is invalid; the converter decides how to write it.
                if (polygon.IsEmpty || polygon.Shell.NumPoints < 4 || !Flat(polygon.Shell.CoordinateSequence))
                {
                    return false;
                }

                foreach (var hole in polygon.Holes)
                {
                    if (hole.NumPoints < 4 || !Flat(hole.CoordinateSequence))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>No Z value to write (the converter writes a third number for a Z that is not NaN).</summary>
    private static bool Flat(CoordinateSequence sequence)
    {
        if (!sequence.HasZ)
        {
            return true;
        }

        for (var i = 0; i < sequence.Count; i++)
        {
            if (!double.IsNaN(sequence.GetZ(i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Rings as RFC 7946 orients them (the converter's default): the shell counter-clockwise, holes clockwise, judged
    /// on the rounded coordinates as the converter judged its rounded copy (rounding can flip a sliver ring).
    /// </summary>
    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon, int decimals)
    {
        writer.WriteStartArray();
        WriteRing(writer, polygon.Shell.CoordinateSequence, decimals, shell: true);
        foreach (var hole in polygon.Holes)
        {
            WriteRing(writer, hole.CoordinateSequence, decimals, shell: false);
        }

        writer.WriteEndArray();
    }

    /// <summary>A shell counter-clockwise, a hole clockwise (<see cref="WritePolygon"/>).</summary>
    internal static void WriteRing(Utf8JsonWriter writer, CoordinateSequence ring, int decimals, bool shell) =>
        WriteSequence(writer, ring, decimals, reversed: Orientation.IsCCW(new RoundedSequence(ring, decimals)) != shell);

    internal static void WriteSequence(Utf8JsonWriter writer, CoordinateSequence sequence, int decimals, bool reversed = false)
    {
        writer.WriteStartArray();
        for (var i = 0; i < sequence.Count; i++)
        {
            WritePosition(writer, sequence, reversed ? sequence.Count - 1 - i : i, decimals);
        }

        writer.WriteEndArray();
    }

    internal static void WritePosition(Utf8JsonWriter writer, CoordinateSequence sequence, int index, int decimals)
    {
        writer.WriteStartArray();
        WriteRounded(writer, sequence.GetX(index), decimals);
        WriteRounded(writer, sequence.GetY(index), decimals);
        writer.WriteEndArray();
    }

    private static readonly long[] Scales = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>
    /// The value rounded to <paramref name="decimals"/>, written as the shortest round-trip form would write it but
    /// from the integer count of its last decimal place: general double formatting was the largest single cost of a
    /// page. For at most 15 significant digits that decimal is the shortest form (every such decimal reads back to
    /// its own double); outside [1e-4, 1e15 / 10^decimals) the shortest form may use an exponent, so the writer's own
    /// formatting is used.
    /// </summary>
    internal static void WriteRounded(Utf8JsonWriter writer, double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var magnitude = Math.Abs(rounded);
        if (decimals >= Scales.Length || !(magnitude >= 1e-4 && magnitude * Scales[decimals] < 1e15))
        {
            writer.WriteNumberValue(rounded);
            return;
        }

        var scale = Scales[decimals];
        var units = (long)Math.Round(magnitude * scale);
        Span<byte> text = stackalloc byte[24];
        var length = 0;
        if (rounded < 0)
        {
            text[length++] = (byte)'-';
        }

        Utf8Formatter.TryFormat(units / scale, text[length..], out var written);
        length += written;
        var fraction = units % scale;
        if (fraction != 0)
        {
            text[length++] = (byte)'.';
            var digits = decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            for (var i = length + digits - 1; i >= length; i--)
            {
                text[i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            length += digits;
        }

        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>A read-only view of a 2D sequence's coordinates rounded as they are written, for the orientation test.</summary>
    private sealed class RoundedSequence(CoordinateSequence source, int decimals) : CoordinateSequence(source.Count, 2, 0)
    {
        public override double GetOrdinate(int index, int ordinateIndex) =>
            Math.Round(source.GetOrdinate(index, ordinateIndex), decimals, MidpointRounding.AwayFromZero);

        public override void SetOrdinate(int index, int ordinateIndex, double value) => throw new NotSupportedException("a rounded view is read-only");

        public override CoordinateSequence Copy() => throw new NotSupportedException("a rounded view is not copied");
    }
}
