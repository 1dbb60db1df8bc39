namespace Geo.Core.Tests.Crs;

/// <summary>
/// GCJ-02 / BD-09 repair against pairs published with two open-source converters' tests: googollee/eviltransform's
/// python tests (WGS↔GCJ for Shanghai, Shenzhen, Beijing) and wandergis/coordtransform's test/app.js (BD→GCJ for
/// Beijing), each to 1 m. eviltransform's two BD→WGS pairs near Jinhua are 10 m and 41 m from the BD-09 formula
/// that every converter (eviltransform's own code included) uses; they look like values from Baidu's service, so
/// they bound how far the formula may be from Baidu itself rather than test this code to a metre.
/// </summary>
public sealed class WebMapOffsetsTests
{
    public static TheoryData<double, double, double, double> WgsGcj => new()
    {
        // wgsLat, wgsLng, gcjLat, gcjLng (eviltransform)
        { 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215 },
        { 22.543847, 113.912316, 22.540796131694766, 113.9171764808363 },
        { 39.911954, 116.377817, 39.91334545536069, 116.38404722455657 },
    };

    public static TheoryData<double, double, double, double> BdWgs => new()
    {
        // bdLat, bdLng, wgsLat, wgsLng (eviltransform)
        { 29.199786, 120.019809, 29.196131605295484, 120.00877901149691 },
        { 29.210504, 120.036455, 29.206795749156136, 120.0253853970846 },
    };

    private static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        // Equirectangular distance: plenty for separations of a few metres.
        var x = (lon2 - lon1) * Math.PI / 180 * Math.Cos((lat1 + lat2) / 2 * Math.PI / 180);
        var y = (lat2 - lat1) * Math.PI / 180;
        return 6_371_000 * Math.Sqrt(x * x + y * y);
    }

    [Theory]
    [MemberData(nameof(WgsGcj))]
    public void GCJ_02_to_CGCS2000_and_back_match_the_published_pairs_to_a_metre(double wgsLat, double wgsLng, double gcjLat, double gcjLng)
    {
        var (lon, lat) = WebMapOffsets.ToCgcs2000(WebMapDatum.Gcj02, gcjLng, gcjLat);
        Assert.True(Metres(lon, lat, wgsLng, wgsLat) < 1, $"gcj→wgs is {Metres(lon, lat, wgsLng, wgsLat):F3} m off");

        var (fLon, fLat) = WebMapOffsets.Wgs84ToGcj02(wgsLng, wgsLat);
        Assert.True(Metres(fLon, fLat, gcjLng, gcjLat) < 1, $"wgs→gcj is {Metres(fLon, fLat, gcjLng, gcjLat):F3} m off");
    }

    [Theory]
    [MemberData(nameof(BdWgs))]
    public void BD_09_to_CGCS2000_is_within_50_m_of_Baidu_s_own_values(double bdLat, double bdLng, double wgsLat, double wgsLng)
    {
        var (lon, lat) = WebMapOffsets.ToCgcs2000(WebMapDatum.Bd09, bdLng, bdLat);

        Assert.True(Metres(lon, lat, wgsLng, wgsLat) < 50, $"bd→wgs is {Metres(lon, lat, wgsLng, wgsLat):F3} m off");
    }

    [Fact]
    public void BD_09_to_GCJ_02_and_on_to_CGCS2000_match_coordtransform_to_a_metre()
    {
        var (lon, lat) = WebMapOffsets.Bd09ToGcj02(116.404, 39.915);
        Assert.True(Metres(lon, lat, 116.39762729119315, 39.90865673957631) < 1);

        // coordtransform's gcj02towgs84(116.404, 39.915) is the one-step inverse, itself 1–2 m off; chaining its BD→GCJ
        // result through our GCJ→WGS must land where GCJ→WGS of that GCJ point lands.
        var (wLon, wLat) = WebMapOffsets.ToCgcs2000(WebMapDatum.Bd09, 116.404, 39.915);
        var (gLon, gLat) = WebMapOffsets.Gcj02ToWgs84(116.39762729119315, 39.90865673957631);
        Assert.True(Metres(wLon, wLat, gLon, gLat) < 0.01);
        Assert.True(Metres(116.39775550083061, 39.91359571849836, WebMapOffsets.Gcj02ToWgs84(116.404, 39.915).Lon, WebMapOffsets.Gcj02ToWgs84(116.404, 39.915).Lat) < 3);
    }

    [Fact]
    public void A_CSV_copied_from_Amap_is_repaired_and_its_mean_shift_reported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "name,lon,lat\nshanghai,121.531541859215,31.17530398364597\nbeijing,116.38404722455657,39.91334545536069\n");
        try
        {
            var layer = FeatureFile.Read(path, new FileReadOptions { From = WebMapDatum.Gcj02 }, CancellationToken.None);

            var shanghai = layer.Features[0].Geometry.Coordinate;
            Assert.True(Metres(shanghai.X, shanghai.Y, 121.5272106, 31.1774276) < 1);
            var expectedShift = (Metres(121.531541859215, 31.17530398364597, 121.5272106, 31.1774276)
                + Metres(116.38404722455657, 39.91334545536069, 116.377817, 39.911954)) / 2;
            Assert.Equal(WebMapDatum.Gcj02, layer.Repair!.From);
            Assert.Equal(2, layer.Repair.Vertices);
            Assert.Equal(expectedShift, layer.Repair.MeanShiftMetres, 2.0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_repair_of_projected_coordinates_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "name,x,y\na,536000,3450000\n");
        try
        {
            var error = Assert.Throws<FileInputException>(() =>
                FeatureFile.Read(path, new FileReadOptions { Crs = "EPSG:4545", From = WebMapDatum.Gcj02 }, CancellationToken.None));
            Assert.Equal("from", error.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
