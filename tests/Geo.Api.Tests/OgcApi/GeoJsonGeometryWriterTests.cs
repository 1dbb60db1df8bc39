using Geo.Api.GisData;
using Geo.Api.OgcApi;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// The direct geometry writer must write what GeoJSON4STJ's converter writes for a rounded copy (the way items were
/// written before): same bytes, rings oriented the same way, numbers in the same shortest form.
/// </summary>
public sealed class GeoJsonGeometryWriterTests
{
    private static readonly WKTReader Wkt = new();

    [Theory]
    [InlineData("POINT (108.40070584 31.24015361)", 7)]
    [InlineData("POINT (-0.000000049 -12.5)", 7)]
    [InlineData("LINESTRING (108.4 31.2, 108.41 31.21, 108.4200000001 31.22)", 7)]
    [InlineData("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))", 7)]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))", 3)]
    [InlineData("MULTIPOLYGON (((108.4007058 31.2401536, 108.4013556 31.2401712, 108.4013737 31.2406959, 108.400514 31.2407733, 108.4007058 31.2401536)), ((1 1, 1 2, 2 2, 1 1)))", 7)]
    [InlineData("MULTIPOLYGON (((108.4007058 31.2401536, 108.4013556 31.2401712, 108.4013737 31.2406959, 108.400514 31.2407733, 108.4007058 31.2401536)))", 4)]
    [InlineData("MULTIPOINT ((1 2), (3.33333333 4.66666666))", 5)]
    [InlineData("MULTILINESTRING ((1 2, 3 4), (5.5 6.5, 7.25 8.125))", 2)]
    [InlineData("POINT Z (1.5 2.5 3.5)", 7)]
    [InlineData("POLYGON EMPTY", 7)]
    [InlineData("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))", 7)]
    [InlineData("POINT (3512345.6789 407654.3211)", 3)]
    [InlineData("POINT (123456789012.5 1e-7)", 0)]
    [InlineData("MULTIPOLYGON (((108.18001 30.83002, 108.17999 30.83001, 108.18003 30.82998, 108.18001 30.83002)))", 2)]
    public void Writes_what_the_converter_writes(string wkt, int decimals)
    {
        var geometry = Wkt.Read(wkt);
        Assert.Equal(ConverterJson(geometry, decimals), DirectJson(geometry, decimals));
    }

    [Fact]
    public void Rings_keep_the_converters_orientation_after_the_axes_are_swapped()
    {
        // EPSG:4490 answers latitude first: the swap turns a counter-clockwise shell clockwise, and the converter reversed it.
        var geometry = Wkt.Read("MULTIPOLYGON (((31.2401536 108.4007058, 31.2401712 108.4013556, 31.2406959 108.4013737, 31.2407733 108.400514, 31.2401536 108.4007058), (31.2402 108.4008, 31.2406 108.4008, 31.2406 108.4012, 31.2402 108.4008)))");
        var written = DirectJson(geometry, 7);
        Assert.Equal(ConverterJson(geometry, 7), written);
        Assert.StartsWith("[{\"type\":\"MultiPolygon\",\"coordinates\":[[[[31.2401536,108.4007058],[31.2407733,108.400514]", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_are_written_as_the_json_writer_writes_the_rounded_double()
    {
        var random = new Random(12);
        var magnitudes = new[] { 1e-9, 1e-5, 1e-4, 1e-3, 1, 108, 1e4, 3.5e6, 1e8, 1e9, 1e12, 1e15, 1e17 };
        for (var i = 0; i < 200_000; i++)
        {
            var value = (random.NextDouble() * 2 - 1) * magnitudes[i % magnitudes.Length];

            // Exact halves of the last place too, which MidpointRounding.AwayFromZero decides.
            var decimals = random.Next(0, 11);
            if (i % 7 == 0)
            {
                value = Math.Round(value, Math.Min(decimals + 1, 15)) + (i % 2 == 0 ? 0 : 5 * Math.Pow(10, -(decimals + 1)));
            }

            var expected = Write(w => w.WriteNumberValue(Math.Round(value, decimals, MidpointRounding.AwayFromZero)));
            Assert.True(expected == Write(w => GeoJsonGeometryWriter.WriteRounded(w, value, decimals)), $"{value:R} at {decimals} decimals: expected {expected}");
        }
    }

    private static string ConverterJson(Geometry geometry, int decimals) =>
        Write(writer => JsonSerializer.Serialize(writer, CoordinateRounding.Round(geometry, decimals, shared: true), GeometryJson.Options));

    private static string DirectJson(Geometry geometry, int decimals) =>
        Write(writer =>
        {
            if (!GeoJsonGeometryWriter.TryWrite(writer, geometry, decimals))
            {
                JsonSerializer.Serialize(writer, CoordinateRounding.Round(geometry, decimals, shared: true), GeometryJson.Options);
            }
        });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, GeoJsonFeatureWriter.WriterOptions))
        {
            writer.WriteStartArray();
            write(writer);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
