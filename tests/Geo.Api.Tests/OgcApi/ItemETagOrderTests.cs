using Microsoft.AspNetCore.TestHost;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// The item of a collection that is not edited through the service (a township) takes its ETag from the data version
/// read before the feature. A write committed between the two reads must not give the old feature the new version's
/// ETag: asked again with it, the service would answer 304 for data the client does not have. The store here commits
/// such a write (a new data version) right after the first read of a feature.
/// </summary>
public sealed class ItemETagOrderTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    private const string Url = "/ogcapi/collections/townships/items/500154001";

    [Fact]
    public async Task A_write_committed_while_the_feature_is_read_does_not_give_it_the_new_ETag()
    {
        await using var service = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            var real = services.Single(s => s.ServiceType == typeof(IFeatureStore));
            services.Remove(real);
            services.AddSingleton<IFeatureStore>(sp => new WriteAfterFirstReadStore(
                real.ImplementationInstance as IFeatureStore ?? (IFeatureStore)real.ImplementationFactory!(sp)));
        }));
        using var client = service.CreateClient();
        using var first = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotEqual(first.Headers.ETag, again.Headers.ETag);
    }

    /// <summary>The real store, whose data version moves once, just after the first feature is read (a write committed then).</summary>
    private sealed class WriteAfterFirstReadStore(IFeatureStore inner) : ForwardingFeatureStore(inner)
    {
        private int _written;

        public override async Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
        {
            var feature = await base.GetAsync(collection, id, cancellationToken);
            Interlocked.Exchange(ref _written, 1);
            return feature;
        }

        public override async Task<string> GetDataVersionAsync(CancellationToken cancellationToken) =>
            $"{await base.GetDataVersionAsync(cancellationToken)}+{Volatile.Read(ref _written)}";
    }
}
