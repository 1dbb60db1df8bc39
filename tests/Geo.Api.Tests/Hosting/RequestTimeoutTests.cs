using System.Net;
using System.Text.Json;
using Geo.Core.Domain;
using Geo.Core.Stores;
using Geo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;

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
        Assert.InRange(elapsed, TimeSpan.FromSeconds(SlowStoreServiceFactory.TimeoutSeconds), SlowStore.Delay - TimeSpan.FromSeconds(1));
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

/// <summary>The embedded service with a 2 s request limit and a store whose count waits <see cref="SlowStore.Delay"/> on its token.</summary>
public sealed class SlowStoreServiceFactory : ServiceFactory
{
    public const int TimeoutSeconds = 2;

    public SlowStore Store { get; private set; } = null!;

    public override PostGisStoreFixture Reference => throw new NotSupportedException("this factory has no reference database");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Geo", "");
        builder.UseSetting("GisData:Path", RepoPaths.GisData);
        builder.UseSetting("Limits:RequestTimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            var real = services.Single(s => s.ServiceType == typeof(IFeatureStore));
            services.Remove(real);
            services.AddSingleton<IFeatureStore>(sp => Store = new SlowStore((IFeatureStore)real.ImplementationFactory!(sp)));
        });
    }
}

/// <summary>The real store, except that counting first waits, as a long query would, until its token is cancelled.</summary>
public sealed class SlowStore(IFeatureStore inner) : IFeatureStore
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(15);

    private int _cancelled;

    /// <summary>How many counts were cancelled while waiting.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    public string Kind => inner.Kind;

    public async Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }

        return await inner.CountAsync(query, cancellationToken);
    }

    public Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken) => inner.GetAsync(collection, id, cancellationToken);

    public IAsyncEnumerable<Feature> QueryAsync(FeatureQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public Task<string> GetDataVersionAsync(CancellationToken cancellationToken) => inner.GetDataVersionAsync(cancellationToken);

    public Task<Envelope?> GetExtentAsync(CollectionDefinition collection, CancellationToken cancellationToken) => inner.GetExtentAsync(collection, cancellationToken);
}
