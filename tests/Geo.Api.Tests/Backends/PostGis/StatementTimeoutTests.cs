using System.Diagnostics;

namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>The service's data source carries PostgreSQL's statement_timeout, so a long query is ended by the database.</summary>
public sealed class StatementTimeoutTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_statement_over_the_timeout_is_cancelled_by_PostgreSQL()
    {
        await using var dataSource = PostGisDataSource.Create(_database.ConnectionString, TimeSpan.FromSeconds(1));
        await using var show = dataSource.CreateCommand("SHOW statement_timeout");
        Assert.Equal("1s", await show.ExecuteScalarAsync());

        await using var sleep = dataSource.CreateCommand("SELECT pg_sleep(10)");
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PostgresException>(() => sleep.ExecuteScalarAsync());

        Assert.Equal(PostgresErrorCodes.QueryCanceled, error.SqlState);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Without_a_timeout_the_server_default_stays()
    {
        await using var dataSource = PostGisDataSource.Create(_database.ConnectionString);
        await using var show = dataSource.CreateCommand("SHOW statement_timeout");

        Assert.Equal("0", await show.ExecuteScalarAsync());
    }
}
