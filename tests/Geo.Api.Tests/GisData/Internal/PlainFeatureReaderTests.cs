using Geo.Api.GisData.Internal;
using NetTopologySuite.IO;

namespace Geo.Api.Tests.GisData.Internal;

public sealed class PlainFeatureReaderTests
{
    private const string Properties =
        "\"properties\":{\"land_use_code\":\"0103\",\"land_use\":\"耕地\",\"area_m2\":1234.5,\"township_code\":\"500154008\","
        + "\"zone_id\":7,\"source\":\"test\",\"location_precision\":\"schematic\",\"illustrative\":true}";

    private const string Square = "[[108.1,31.1],[108.2,31.1],[108.2,31.2],[108.1,31.2],[108.1,31.1]]";
    private const string Hole = "[[108.12,31.12],[108.12,31.18],[108.18,31.18],[108.18,31.12],[108.12,31.12]]";

    [Fact]
    public void A_plain_multipolygon_with_a_hole_is_read_with_its_exact_coordinates_and_properties()
    {
        var feature = Read($"{{\"type\":\"Feature\",\"id\":42,{Properties},\"geometry\":{{\"type\":\"MultiPolygon\",\"coordinates\":[[{Square},{Hole}]]}}}}");

        Assert.NotNull(feature);
        Assert.Equal(42, feature.Id);
        Assert.Equal(4490, feature.Geometry!.SRID);
        var expected = new WKTReader().Read(
            "MULTIPOLYGON (((108.1 31.1, 108.2 31.1, 108.2 31.2, 108.1 31.2, 108.1 31.1), (108.12 31.12, 108.12 31.18, 108.18 31.18, 108.18 31.12, 108.12 31.12)))");
        Assert.True(expected.EqualsExact(feature.Geometry), feature.Geometry.AsText());
        Assert.Equal(
            ["land_use_code", "land_use", "area_m2", "township_code", "zone_id", "source", "location_precision", "illustrative"],
            feature.Properties.Keys);
        Assert.Equal<object?>(["0103", "耕地", 1234.5, "500154008", 7L, "test", "schematic", true], feature.Properties.Values);
    }

    [Fact]
    public void A_polygon_is_stored_as_a_multipolygon_and_an_absent_optional_property_as_null()
    {
        var properties = Properties.Replace("\"zone_id\":7,", "", StringComparison.Ordinal);

        var feature = Read($"{{\"id\":1,\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{Square}]}},{properties}}}");

        Assert.NotNull(feature);
        Assert.Equal("MultiPolygon", feature.Geometry!.GeometryType);
        Assert.Equal(0.01, feature.Geometry.Area, 12);
        Assert.Null(feature.Properties["zone_id"]);
    }

    [Theory]
    [InlineData("self-intersecting", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.30,31.10],[108.32,31.12],[108.32,31.10],[108.30,31.12],[108.30,31.10]]]}}")]
    [InlineData("ring not closed", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.1,31.1],[108.2,31.1],[108.2,31.2],[108.1,31.2]]]}}")]
    [InlineData("z value", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.1,31.1,5],[108.2,31.1,5],[108.2,31.2,5],[108.1,31.1,5]]]}}")]
    [InlineData("type after coordinates", "{\"id\":1,PROPS,\"geometry\":{\"coordinates\":[SQUARE],\"type\":\"Polygon\"}}")]
    [InlineData("a point", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Point\",\"coordinates\":[108.1,31.1]}}")]
    [InlineData("id twice", "{\"id\":1,\"id\":2,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[SQUARE]}}")]
    [InlineData("id not an integer", "{\"id\":1.5,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[SQUARE]}}")]
    [InlineData("no geometry", "{\"id\":1,PROPS,\"geometry\":null}")]
    [InlineData("unknown property", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[SQUARE]}}", "\"source\"", "\"colour\":\"red\",\"source\"")]
    [InlineData("unknown code", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[SQUARE]}}", "\"schematic\"", "\"guessed\"")]
    [InlineData("number as text", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[SQUARE]}}", "1234.5", "\"1234.5\"")]
    [InlineData("required property absent", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[SQUARE]}}", "\"land_use\":\"耕地\",", "")]
    [InlineData("property twice", "{\"id\":1,PROPS,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[SQUARE]}}", "\"zone_id\":7", "\"zone_id\":7,\"zone_id\":8")]
    public void Anything_but_a_plain_valid_polygon_feature_is_left_to_the_general_reader(string @case, string json, string find = "", string replace = "")
    {
        var properties = find.Length == 0 ? Properties : Properties.Replace(find, replace, StringComparison.Ordinal);

        var feature = Read(json.Replace("PROPS", properties, StringComparison.Ordinal).Replace("SQUARE", Square, StringComparison.Ordinal));

        Assert.True(feature is null, @case);
    }

    [Fact]
    public void Points_and_lines_collections_are_not_read_this_way()
    {
        Assert.False(PlainFeatureReader.Applies(Catalog.Facilities));
        Assert.False(PlainFeatureReader.Applies(Catalog.RelocationFlows));
        Assert.True(PlainFeatureReader.Applies(Catalog.Parcels));
    }

    private static Feature? Read(string json) => new PlainFeatureReader(Catalog.Parcels).TryRead(Encoding.UTF8.GetBytes(json))?.ToFeature(Catalog.Parcels);
}
