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
}
