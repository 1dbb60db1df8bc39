namespace Geo.Api.Tests.Backends.PostGis;

/// <summary>One host is used as given; with several, migrations, imports and writes are pinned to the primary.</summary>
public sealed class PostGisDataSourceTests
{
    [Fact]
    public void A_single_host_connection_string_is_used_unchanged()
    {
        const string single = "Host=127.0.0.1;Port=5432;Username=postgres;Database=kaizhou";
        Assert.Equal(single, PostGisDataSource.PrimaryConnectionString(single));
        var sources = PostGisDataSource.CreateReadWrite(single);
        Assert.Same(sources.Reads, sources.Writes);
        Assert.IsNotType<NpgsqlMultiHostDataSource>(sources.Reads);
        Assert.True(sources.ReadsFromPrimary);
    }

    [Theory]
    [InlineData("Host=a:5432,b:5432;Database=kaizhou;Target Session Attributes=prefer-standby;Load Balance Hosts=true")]
    [InlineData("Host=a,b;Database=kaizhou")]
    public void Several_hosts_write_to_the_primary_only(string hosts)
    {
        var primary = new NpgsqlConnectionStringBuilder(PostGisDataSource.PrimaryConnectionString(hosts));
        Assert.Equal("primary", primary.TargetSessionAttributes);
        Assert.Equal(new NpgsqlConnectionStringBuilder(hosts).Host, primary.Host);
        var sources = PostGisDataSource.CreateReadWrite(hosts);
        Assert.NotSame(sources.Reads, sources.Writes);

        // Reads may go to a standby behind the primary, so no version is answered from what the primary announced.
        Assert.False(sources.ReadsFromPrimary);
    }

    [Theory]
    [InlineData("Host=a,b;Database=kaizhou;Target Session Attributes=primary")]
    [InlineData("Host=a,b;Database=kaizhou;Target Session Attributes=read-write")]
    public void Several_hosts_read_from_the_primary_when_the_string_says_so(string hosts) =>
        Assert.True(PostGisDataSource.CreateReadWrite(hosts).ReadsFromPrimary);
}

/// <summary>
/// Connections a burst opened stay in the pool after they idle past Npgsql's idle lifetime (a new backend plans its
/// statements cold), unless the connection string sets its own minimum. Counted in <c>pg_stat_activity</c>.
/// </summary>
public sealed class PooledConnectionsTests(PostGisStoreFixture database) : IClassFixture<PostGisStoreFixture>
{
    [Theory]
    [InlineData("", 4)]
    [InlineData(";Minimum Pool Size=0", 0)]
    [InlineData(";MinPoolSize=2", 2)]
    public async Task The_connections_of_a_burst_outlive_the_idle_lifetime_down_to_the_minimum(string setting, long kept)
    {
        var name = $"kept-{Guid.NewGuid():N}"[..20];
        await using var dataSource = PostGisDataSource.Create(
            $"{database.Database.ConnectionString};Application Name={name};Connection Idle Lifetime=1;Connection Pruning Interval=1{setting}");
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < 4; i++)
        {
            connections.Add(await dataSource.OpenConnectionAsync());
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        Assert.Equal(4, await OpenAsync(name));
        var open = 4L;
        for (var waited = 0; waited < 50 && open != kept; waited++)
        {
            await Task.Delay(100);
            open = await OpenAsync(name);
        }

        // Pruning runs every second: by 3 s past the lifetime it has run, and nothing more may go.
        await Task.Delay(3000);
        Assert.Equal(kept, await OpenAsync(name));
    }

    private Task<long> OpenAsync(string applicationName) =>
        database.Database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{applicationName}'");
}
