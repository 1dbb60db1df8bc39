using Geo.Core.Stores;
using Npgsql;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>
/// A snapshot read given its own time limit (an export) may run past the data source's statement_timeout, and only that query:
/// the projects table is swapped for a view that sleeps 50 ms a row, so counting and reading its 35 rows take about 3.5 s against
/// a 1 s statement_timeout.
/// </summary>
public sealed class LongQueryTimeLimitTests : IAsyncLifetime
{
    private readonly PostGisStoreFixture _data = new();

    public async Task InitializeAsync()
    {
        await _data.InitializeAsync();
        await using var slow = _data.DataSource.CreateCommand("""
            ALTER TABLE projects RENAME TO projects_rows;
            CREATE FUNCTION slow_row() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN true; END $$;
            CREATE VIEW projects AS SELECT * FROM projects_rows WHERE slow_row();
            """);
        await slow.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => _data.DisposeAsync();

    [Fact]
    public async Task A_snapshot_with_a_time_limit_outlasts_the_statement_timeout_and_others_still_meet_it()
    {
        await using var dataSource = PostGisDataSource.Create(_data.Database.ConnectionString, TimeSpan.FromSeconds(1));
        var store = new PostGisFeatureStore(dataSource);
        await using var count = _data.DataSource.CreateCommand("SELECT count(*) FROM projects_rows");
        var rows = (long)(await count.ExecuteScalarAsync())!;
        Assert.True(rows * 0.05 > 1.2, $"{rows} rows at 50 ms would not outlast the 1 s statement_timeout");

        var unlimited = new FeatureQuery(Catalog.Projects);
        var error = await Assert.ThrowsAsync<PostgresException>(async () => await store.QueryAsync(unlimited, CancellationToken.None).CountAsync());
        Assert.Equal(PostgresErrorCodes.QueryCanceled, error.SqlState);

        await using (var snapshot = await store.QuerySnapshotAsync(unlimited with { TimeLimit = TimeSpan.FromSeconds(30) }, CancellationToken.None))
        {
            Assert.Equal(rows, snapshot.Matched);
            Assert.Equal(rows, await snapshot.Features.CountAsync());
        }

        // The raised limit went with its transaction: the pooled connection is back at 1 s.
        await using var show = dataSource.CreateCommand("SHOW statement_timeout");
        Assert.Equal("1s", await show.ExecuteScalarAsync());
        await Assert.ThrowsAsync<PostgresException>(async () => await store.QueryAsync(unlimited, CancellationToken.None).CountAsync());
    }
}
