using Geo.Core.Analysis;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// The area and a facility join the road network at the nearest point of their nearest road, not at its nearest node.
/// A database of its own, because loading roads switches every distance of that database to the network.
/// </summary>
public sealed class RoadJoinTests : RoadDatabase
{
    private const double Offset = 60;

    // In EPSG:4545 metres: a straight road 60 m to the side of the line from the zone's nearest point Q to the facility F,
    // from beside Q to 400 m past F, split half-way between Q and F. Neither end has a node near it.
    protected override string RoadsSql =>
        $"""
        WITH b AS (SELECT ST_Transform(z.geom, 4545) AS z, ST_Transform(f.geom, 4545) AS f FROM zones z, facilities f WHERE z.id = 13 AND f.id = $1),
        q AS (SELECT f, ST_ClosestPoint(z, f) AS q FROM b),
        v AS (SELECT f, q, (ST_X(f) - ST_X(q)) / ST_Distance(q, f) AS vx, (ST_Y(f) - ST_Y(q)) / ST_Distance(q, f) AS vy FROM q),
        p AS (SELECT ST_SetSRID(ST_MakePoint(ST_X(q) - {Offset} * vy, ST_Y(q) + {Offset} * vx), 4545) AS a,
                     ST_SetSRID(ST_MakePoint((ST_X(q) + ST_X(f)) / 2 - {Offset} * vy, (ST_Y(q) + ST_Y(f)) / 2 + {Offset} * vx), 4545) AS m,
                     ST_SetSRID(ST_MakePoint(ST_X(f) - {Offset} * vy + 400 * vx, ST_Y(f) + {Offset} * vx + 400 * vy), 4545) AS e FROM v)
        INSERT INTO roads (id, geom, name)
        SELECT 1, ST_Transform(ST_MakeLine(a, m), 4490), '旁道南段（测试）' FROM p
        UNION ALL SELECT 2, ST_Transform(ST_MakeLine(m, e), 4490), '旁道北段（测试）' FROM p
        """;

    [Fact]
    public async Task A_facility_beside_the_middle_of_a_road_is_reached_along_it_from_the_nearest_points()
    {
        // The road is one straight line, so the way along it is the straight distance between the two join points.
        const string Road = "(SELECT ST_Collect(ST_Transform(geom, 4545)) FROM roads)";
        const string Zone = "(SELECT ST_Transform(geom, 4545) FROM zones WHERE id = 13)";
        const string Facility = "(SELECT ST_Transform(geom, 4545) FROM facilities WHERE id = $1)";
        var zoneToRoad = await Database.DoubleAsync($"SELECT ST_Distance({Road}, {Zone})");
        var facilityToRoad = await Database.DoubleAsync($"SELECT ST_Distance({Road}, {Facility})", FacilityId);
        var along = await Database.DoubleAsync($"SELECT ST_Distance(ST_ClosestPoint({Road}, {Zone}), ST_ClosestPoint({Road}, {Facility}))", FacilityId);
        var facilityToNode = await Database.DoubleAsync(
            $"SELECT MIN(ST_Distance(n, {Facility})) FROM (SELECT ST_Transform(ST_StartPoint(geom), 4545) AS n FROM roads UNION ALL SELECT ST_Transform(ST_EndPoint(geom), 4545) FROM roads) e",
            FacilityId);
        var analysis = LivingCircleOnRoads();

        var result = await analysis.RunAsync(13, 5000, None);

        Assert.Equal(LivingCircle.ByRoad, result.Method);
        Assert.True(zoneToRoad > 0, "the test road must pass the zone, not cross it");
        Assert.Equal(Offset, facilityToRoad, 0.01);
        Assert.True(facilityToNode > facilityToRoad + 50, "the facility must be nearer to the road's middle than to any node");
        var reached = result.Areas.Single().Needs.SelectMany(n => n.Facilities).Single(f => f.Id == FacilityId);
        Assert.Equal(zoneToRoad + facilityToRoad + along, reached.DistanceMetres, 0.01);
    }
}
