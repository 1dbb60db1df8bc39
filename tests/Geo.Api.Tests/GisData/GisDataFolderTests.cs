using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Api.Tests.GisData;

public sealed class GisDataFolderTests
{
    [Fact]
    public void The_repository_data_loads_with_every_collection()
    {
        var data = GisDataFolder.Load(RepoPaths.GisData);

        foreach (var collection in Catalog.All)
        {
            Assert.NotEmpty(data[collection]);
        }
    }

    [Theory]
    [MemberData(nameof(BadDataFolder.Cases), MemberType = typeof(BadDataFolder))]
    public void Bad_data_is_rejected_with_file_location_and_reason(string @case, string file, string reason)
    {
        using var folder = new BadDataFolder();
        folder.Break(@case);

        var e = Assert.Throws<DataValidationException>(() => GisDataFolder.Load(folder.Path));

        var error = Assert.Single(e.Errors, x => x.File == file && x.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(error.Location));
    }

    [Theory]
    [InlineData("a number with two points", "\"area_m2\":18129.63", "\"area_m2\":18129.63.1")]
    [InlineData("no comma between features", "},\n{\"type\":\"Feature\",\"id\":3,", "}\n{\"type\":\"Feature\",\"id\":3,")]
    [InlineData("a comma after the last feature", "}}\n]}", "}},\n]}")]
    [InlineData("a bracket closing the wrong thing", "\"properties\":{\"land_use_code\":\"0701\"", "\"properties\":[\"land_use_code\":\"0701\"")]
    [InlineData("a string never closed", "}}\n]}", "}}\n,{\"id\":\"1]}")]
    [InlineData("text after the collection", "}}\n]}", "}}\n]}x")]
    public void Json_that_is_not_valid_is_reported_at_the_line_and_with_the_message_of_System_Text_Json(string @case, string find, string replace)
    {
        using var folder = new BadDataFolder();
        folder.Replace("parcels.geojson", find, replace);
        var bytes = File.ReadAllBytes(folder.File("parcels.geojson"));
        var expected = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes));

        var e = Assert.Throws<DataValidationException>(() => GisDataFolder.Load(folder.Path));

        var error = Assert.Single(e.Errors);
        var wanted = ("parcels.geojson", $"line {expected.LineNumber + 1}", $"not valid JSON: {expected.Message}");
        Assert.True(wanted == (error.File, error.Location, error.Reason), $"{@case}: expected {wanted}, got {error}");
    }

    [Fact]
    public void A_wrong_column_count_names_the_row()
    {
        using var folder = new BadDataFolder();
        folder.Break("wrong column count");

        var e = Assert.Throws<DataValidationException>(() => GisDataFolder.Load(folder.Path));

        // The header is row 1 and the 25 policies rows 2–26, so the appended row is row 27.
        Assert.Contains(e.Errors, x => x.File == "policies.csv" && x.Location == "row 27" && x.Reason == "has 5 columns, the header has 4");
    }

    [Fact]
    public void Polygons_are_stored_as_multipolygons_in_CGCS2000()
    {
        var data = GisDataFolder.Load(RepoPaths.GisData);

        Assert.All(data[Catalog.Zones], z => Assert.Equal("MultiPolygon", z.Geometry!.GeometryType));
        Assert.All(data[Catalog.Projects], p => Assert.Equal(4490, p.Geometry!.SRID));
    }

    [Fact]
    public void Features_out_of_id_order_load_sorted_and_equal_to_the_same_file_in_order()
    {
        // In id order the features are packed as they are read; reversed, the reader falls back to a list it sorts.
        using var folder = new BadDataFolder();
        var lines = File.ReadAllLines(folder.File("parcels.geojson"));
        var features = lines[1..^1].Select(l => l.TrimEnd(',')).Reverse().ToList();
        File.WriteAllLines(folder.File("parcels.geojson"), [lines[0], string.Join(",\n", features), lines[^1]]);

        var reversed = GisDataFolder.Load(folder.Path)[Catalog.Parcels];
        var expected = GisDataFile.Read("parcels.geojson");

        Assert.Equal(94, expected.Count);
        Assert.Equal(expected.Select(f => f.Id).Order(), reversed.Select(f => f.Id));
        foreach (var inOrder in new[] { GisDataFolder.Load(RepoPaths.GisData)[Catalog.Parcels], reversed })
        {
            Assert.All(inOrder.Zip(expected.OrderBy(f => f.Id)), pair =>
            {
                Assert.True(pair.Second.Geometry.EqualsExact(pair.First.Geometry), $"geometry of parcel {pair.First.Id}");
                Assert.Equal(pair.Second.Text("land_use"), pair.First["land_use"]);
                Assert.Equal(pair.Second.Number("area_m2"), pair.First["area_m2"]);
                Assert.Equal(pair.Second.Properties.GetProperty("zone_id").GetInt64(), pair.First["zone_id"]);
            });
        }
    }

    [Fact]
    public void A_repeated_id_after_ascending_ids_is_named()
    {
        using var folder = new BadDataFolder();
        var lines = File.ReadAllLines(folder.File("parcels.geojson"));
        File.WriteAllLines(folder.File("parcels.geojson"), [.. lines[..^1].Select((l, i) => i == lines.Length - 2 ? l + "," : l), lines[1].TrimEnd(','), lines[^1]]);

        var e = Assert.Throws<DataValidationException>(() => GisDataFolder.Load(folder.Path));

        Assert.Contains(e.Errors, x => x.File == "parcels.geojson" && x.Location == "id 1" && x.Reason == "id is used 2 times; ids must be unique");
    }
}
