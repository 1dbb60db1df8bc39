using Geo.Core.Analysis;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// A database of its own with test roads near 岳溪高铁片区 (zone 13), because loading roads switches every distance of
/// that database to the network. <see cref="RoadsSql"/> inserts the roads; its <c>$1</c> is <see cref="FacilityId"/>,
/// the first facility 100–900 m from the zone.
/// </summary>
public abstract class RoadDatabase : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;

    protected PostGisStoreFixture Database { get; } = new();

    protected long FacilityId { get; private set; }

    protected abstract string RoadsSql { get; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        FacilityId = await Database.LongAsync(ReferenceSql.FacilityNearYuexi);
        await using var insert = Database.DataSource.CreateCommand(RoadsSql);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = FacilityId });
        await insert.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Database.DisposeAsync();

    protected LivingCircle LivingCircleOnRoads() => new(Database.Store, new PostGisSpatialAnalysis(Database.DataSource));
}
