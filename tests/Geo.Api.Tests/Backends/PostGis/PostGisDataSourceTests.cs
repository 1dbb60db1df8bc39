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
    }
}
