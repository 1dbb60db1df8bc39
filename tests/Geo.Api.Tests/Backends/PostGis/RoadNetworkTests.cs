using Geo.Api.Backends.PostGis.Internal;
using Geo.Core.Analysis;
using Geo.Testing;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// With a roads layer loaded, the living circle measures along the roads with pgRouting. A database of its own, because
/// loading roads switches every distance of that database to the network.
/// </summary>
public sealed class RoadNetworkTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly PostGisStoreFixture _database = new();
    private long _facility;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // A facility more than 100 m from 岳溪高铁片区 (zone 13); the road to it leaves the zone and detours ~1.1 km north.
        _facility = await Sql().LongAsync(ReferenceSql.FacilityNearYuexi);
        await using var insert = _database.DataSource.CreateCommand(
            """
            WITH p AS (SELECT ST_PointOnSurface(z.geom) AS p0, ST_Translate(ST_PointOnSurface(z.geom), 0, 0.01) AS p1, f.geom AS pf
                       FROM zones z, facilities f WHERE z.id = 13 AND f.id = $1)
            INSERT INTO roads (id, geom, name)
            SELECT 1, ST_MakeLine(p0, p1), '上山路（测试）' FROM p UNION ALL SELECT 2, ST_MakeLine(p1, pf), '下山路（测试）' FROM p
            """);
        insert.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = _facility });
        await insert.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_living_circle_goes_by_road_when_roads_are_loaded()
    {
        var road = await Sql().DoubleAsync("SELECT SUM(ST_Length(ST_Transform(geom, 4545))) FROM roads");
        var straight = await Sql().DoubleAsync(
            "SELECT ST_Distance(ST_Transform(f.geom, 4545), ST_Transform(z.geom, 4545)) FROM facilities f, zones z WHERE z.id = 13 AND f.id = $1", _facility);
        var analysis = new LivingCircle(_database.Store, new PostGisSpatialAnalysis(_database.DataSource));

        var far = await analysis.RunAsync(13, 5000, None);
        var between = await analysis.RunAsync(13, (straight + road) / 2, None);

        Assert.Equal(LivingCircle.ByRoad, far.Method);
        var byRoad = far.Areas.Single().Needs.SelectMany(n => n.Facilities).Single(f => f.Id == _facility);
        Assert.Equal(road, byRoad.DistanceMetres, 0.01);
        Assert.True(road > straight + 1000);
        Assert.DoesNotContain(between.Areas.Single().Needs.SelectMany(n => n.Facilities), f => f.Id == _facility);
    }

    private PostGisStoreFixture Sql() => _database;
}
