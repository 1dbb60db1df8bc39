using Geo.Core.Analysis;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// With a roads layer loaded, the living circle measures along the roads with pgRouting. A database of its own, because
/// loading roads switches every distance of that database to the network.
/// </summary>
public sealed class RoadNetworkTests : RoadDatabase
{
    // A facility more than 100 m from 岳溪高铁片区 (zone 13); the road to it leaves the zone and detours ~1.1 km north.
    protected override string RoadsSql =>
        """
        WITH p AS (SELECT ST_PointOnSurface(z.geom) AS p0, ST_Translate(ST_PointOnSurface(z.geom), 0, 0.01) AS p1, f.geom AS pf
                   FROM zones z, facilities f WHERE z.id = 13 AND f.id = $1)
        INSERT INTO roads (id, geom, name)
        SELECT 1, ST_MakeLine(p0, p1), '上山路（测试）' FROM p UNION ALL SELECT 2, ST_MakeLine(p1, pf), '下山路（测试）' FROM p
        """;

    [Fact]
    public async Task The_living_circle_goes_by_road_when_roads_are_loaded()
    {
        var road = await Database.DoubleAsync("SELECT SUM(ST_Length(ST_Transform(geom, 4545))) FROM roads");
        var straight = await Database.DoubleAsync(
            "SELECT ST_Distance(ST_Transform(f.geom, 4545), ST_Transform(z.geom, 4545)) FROM facilities f, zones z WHERE z.id = 13 AND f.id = $1", FacilityId);
        var analysis = LivingCircleOnRoads();

        var far = await analysis.RunAsync(13, 5000, None);
        var between = await analysis.RunAsync(13, (straight + road) / 2, None);

        Assert.Equal(LivingCircle.ByRoad, far.Method);
        var byRoad = far.Areas.Single().Needs.SelectMany(n => n.Facilities).Single(f => f.Id == FacilityId);
        Assert.Equal(road, byRoad.DistanceMetres, 0.01);
        Assert.True(road > straight + 1000);
        Assert.DoesNotContain(between.Areas.Single().Needs.SelectMany(n => n.Facilities), f => f.Id == FacilityId);
    }
}
