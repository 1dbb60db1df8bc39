namespace Geo.Core.Tests.Crs;

public sealed class GaussKruger108Tests(PostGisStoreFixture postGis) : IClassFixture<PostGisStoreFixture>
{
    private static Geometry Wkt(string wkt)
    {
        var geometry = new WKTReader(Cgcs2000.GeometryFactory.GeometryServices).Read(wkt);
        geometry.SRID = Cgcs2000.Srid;
        return geometry;
    }

    [Theory]
    [InlineData(108.4087008, 31.1697942)]
    [InlineData(107.9320057, 31.0)]
    [InlineData(108.8938189, 31.6909538)]
    public async Task Projection_agrees_with_PostGIS_to_a_millimetre(double lon, double lat)
    {
        var projected = (Point)GaussKruger108.Project(Wkt($"POINT ({lon} {lat})"));
        var easting = await postGis.Database.ScalarAsync<double>($"SELECT ST_X(ST_Transform(ST_SetSRID(ST_Point({lon}, {lat}), 4490), 4545))");
        var northing = await postGis.Database.ScalarAsync<double>($"SELECT ST_Y(ST_Transform(ST_SetSRID(ST_Point({lon}, {lat}), 4490), 4545))");

        Assert.Equal(easting, projected.X, 0.001);
        Assert.Equal(northing, projected.Y, 0.001);
    }

    [Fact]
    public async Task Area_agrees_with_PostGIS_and_is_reported_in_hectares_and_mu()
    {
        const string polygon = "POLYGON ((108.40 31.16, 108.41 31.16, 108.41 31.17, 108.40 31.17, 108.40 31.16))";
        var expected = await postGis.Database.ScalarAsync<double>($"SELECT ST_Area(ST_Transform(ST_GeomFromText('{polygon}', 4490), 4545))");

        var area = GaussKruger108.AreaOf(Wkt(polygon));

        Assert.Equal(expected, area.SquareMetres, 0.01);
        Assert.Equal(expected / 10000, area.Hectares, 1e-6);
        Assert.Equal(expected * 15 / 10000, area.Mu, 1e-6);
    }
}
