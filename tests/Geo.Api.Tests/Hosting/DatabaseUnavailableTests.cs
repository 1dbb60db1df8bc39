using Geo.Api.Hosting;

namespace Geo.Api.Tests.Hosting;

/// <summary>Which database failures are "unavailable" (503), told apart by type, SqlState and origin, never by message text.</summary>
public sealed class DatabaseUnavailableTests
{
    [Fact]
    public async Task Every_host_down_is_unavailable_both_when_tried_and_when_remembered_as_down()
    {
        // Two closed loopback ports: the first open tries both hosts, the second is refused from Npgsql's memory of them.
        var builder = new NpgsqlDataSourceBuilder($"Host=127.0.0.1:{ServiceProcess.FreePort()},127.0.0.1:{ServiceProcess.FreePort()};Username=postgres;Timeout=3;Host Recheck Seconds=60");
        await using var hosts = builder.BuildMultiHost();
        await using var primary = hosts.WithTargetSession(TargetSessionAttributes.Primary);

        var tried = await Assert.ThrowsAnyAsync<NpgsqlException>(() => primary.OpenConnectionAsync().AsTask());
        var remembered = await Assert.ThrowsAnyAsync<NpgsqlException>(() => primary.OpenConnectionAsync().AsTask());

        Assert.IsType<AggregateException>(tried.InnerException);
        Assert.Null(remembered.InnerException);
        Assert.True(DatabaseUnavailable.IsUnavailable(tried), tried.ToString());
        Assert.True(DatabaseUnavailable.IsUnavailable(remembered), remembered.ToString());
    }

    [Fact]
    public void The_same_words_thrown_from_elsewhere_are_not_taken_for_an_outage() =>
        Assert.False(DatabaseUnavailable.IsUnavailable(Thrown(new NpgsqlException("No suitable host was found."))));

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
