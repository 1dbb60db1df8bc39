using Microsoft.AspNetCore.TestHost;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The per-request timeout and a client that goes away, on a real Kestrel: the store's work is cancelled in both
/// cases, and a timeout is a 503 problem+json naming the limit. The store counts slowly (waiting on its token) so that
/// the request is still running when the limit or the client's abort comes.
/// </summary>
public sealed class RequestTimeoutTests(SlowStoreServiceFactory factory) : IClassFixture<SlowStoreServiceFactory>
{
    [Fact]
    public async Task A_request_over_the_time_limit_is_cancelled_and_answered_503_naming_the_limit()
    {
        using var client = new HttpClient { BaseAddress = factory.ListeningAddress, Timeout = TimeSpan.FromSeconds(20) };
        var cancelledBefore = factory.Store.Cancelled;

        var (response, body, elapsed) = await HostileRequests.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/ogcapi/collections/projects/items"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Limits:RequestTimeoutSeconds", JsonDocument.Parse(body).RootElement.GetProperty("limit").GetString(), StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(SlowStoreServiceFactory.TimeoutSeconds), SlowStoreServiceFactory.Delay - TimeSpan.FromSeconds(1));
        Assert.True(factory.Store.Cancelled > cancelledBefore, "the store's count was not cancelled");
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_stores_work()
    {
        using var client = new HttpClient { BaseAddress = factory.ListeningAddress };
        var cancelledBefore = factory.Store.Cancelled;
        using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/ogcapi/collections/zones/items", abort.Token));

        // Well before the store's delay or the service's own time limit would have ended the count.
        for (var waited = 0; factory.Store.Cancelled == cancelledBefore && waited < 800; waited += 50)
        {
            await Task.Delay(50);
        }

        Assert.True(factory.Store.Cancelled > cancelledBefore, "the store's count was still running after the client went away");
    }
}

/// <summary>
/// The PostGIS service with a 1 s statement_timeout (Database:StatementTimeoutSeconds), whose store's count first
/// runs a 10 s statement through the service's own data source: PostgreSQL cancels it, and the answer is 503.
/// </summary>
public sealed class StatementTimeoutTests(StatementTimeoutServiceFactory factory) : IClassFixture<StatementTimeoutServiceFactory>
{
    [Fact]
    public async Task A_query_over_the_statement_timeout_is_answered_503_naming_the_limit()
    {
        using var client = new HttpClient { BaseAddress = factory.ListeningAddress, Timeout = TimeSpan.FromSeconds(20) };

        var (response, body, elapsed) = await HostileRequests.SendAsync(client,
            new HttpRequestMessage(HttpMethod.Post, "/ogcapi/collections/projects/search") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Database:StatementTimeoutSeconds", JsonDocument.Parse(body).RootElement.GetProperty("limit").GetString());
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    }
}

/// <summary>A service whose store counts slowly; <see cref="SlowPart"/> says how.</summary>
public abstract class SlowStoreFactory : ServiceFactory
{
    /// <summary>The service's store, resolved on first use (the host builds singletons lazily, so it may not exist before a request).</summary>
    public SlowStore Store => (SlowStore)Services.GetRequiredService<IFeatureStore>();

    public override PostGisStoreFixture Reference => throw new NotSupportedException("this factory has no reference database");

    protected abstract Func<CancellationToken, Task> SlowPart(IServiceProvider services);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            var real = services.Single(s => s.ServiceType == typeof(IFeatureStore));
            services.Remove(real);
            services.AddSingleton<IFeatureStore>(sp => new SlowStore(
                real.ImplementationInstance as IFeatureStore ?? (IFeatureStore)real.ImplementationFactory!(sp), SlowPart(sp)));
        });
}

/// <summary>The embedded service with a 2 s request limit and a store whose count waits <see cref="Delay"/> on its token.</summary>
public sealed class SlowStoreServiceFactory : SlowStoreFactory
{
    public const int TimeoutSeconds = 2;

    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(15);

    protected override Func<CancellationToken, Task> SlowPart(IServiceProvider services) => token => Task.Delay(Delay, token);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Geo", "");
        builder.UseSetting("GisData:Path", RepoPaths.GisData);
        builder.UseSetting("Limits:RequestTimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        base.ConfigureWebHost(builder);
    }
}

/// <summary>The service on an empty PostGIS database with a 1 s statement_timeout; its store's count first sleeps 10 s in SQL.</summary>
public sealed class StatementTimeoutServiceFactory : SlowStoreFactory, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _database.DisposeAsync();

    protected override Func<CancellationToken, Task> SlowPart(IServiceProvider services) => async token =>
    {
        await using var sleep = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT pg_sleep(10)");
        await sleep.ExecuteNonQueryAsync(token);
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Geo", _database.ConnectionString);
        builder.UseSetting("Database:StatementTimeoutSeconds", "1");
        base.ConfigureWebHost(builder);
    }
}

/// <summary>The real store, except that counting first does something slow (a wait, a long statement), as a long query would.</summary>
public sealed class SlowStore(IFeatureStore inner, Func<CancellationToken, Task> slowPart) : ForwardingFeatureStore(inner)
{
    private int _cancelled;

    /// <summary>How many counts were cancelled during their slow part.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    public override async Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        await SlowPartAsync(cancellationToken);
        return await base.CountAsync(query, cancellationToken);
    }

    public override async Task<FeaturePage> QueryPageAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        await SlowPartAsync(cancellationToken);
        return await base.QueryPageAsync(query, cancellationToken);
    }

    public override async Task<FeaturePage> QuerySnapshotAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        await SlowPartAsync(cancellationToken);
        return await base.QuerySnapshotAsync(query, cancellationToken);
    }

    private async Task SlowPartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await slowPart(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
    }
}
