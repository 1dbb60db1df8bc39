using System.Net;
using Geo.Api.Backends.Embedded.Internal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Geo.Testing;

/// <summary>The service as tests see it: in-process, or on a real loopback port for real clients (GDAL, a browser).</summary>
public abstract class ServiceFactory : WebApplicationFactory<Program>
{
    /// <summary>Where a real client reaches the service; starts Kestrel on a free loopback port on first use.</summary>
    public Uri ListeningAddress
    {
        get
        {
            if (_address is null)
            {
                UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
                _address = new Uri(addresses.First());
            }

            return _address;
        }
    }

    private Uri? _address;

    /// <summary>
    /// The host, started, with the embedded store's background load finished (or failed), as a client that waits for
    /// /health/ready sees it; a test that holds the load (<c>EmbeddedLoadHold</c>) to see the service while it loads gets it at once.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (host.Services.GetService<EmbeddedStoreLoad>() is { } load && ReferenceEquals(host.Services.GetService<EmbeddedLoadHold>(), EmbeddedLoadHold.None))
        {
            ((IAsyncResult)load.Loaded).AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(2));
        }

        return host;
    }

    /// <summary>The PostGIS database answering reference SQL in the tests (the service's own on PostGIS).</summary>
    public abstract PostGisStoreFixture Reference { get; }

    /// <summary>
    /// A temporary folder, deleted with the factory, for what the embedded store writes (indicator actuals, accounts,
    /// the audit trail, session keys): never the user's own folder.
    /// </summary>
    protected string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "geo-test-data-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataFolder))
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}

/// <summary>The service on the embedded store, reading this repository's gis-data; reference SQL goes to a private PostGIS and recorded indicator actuals to a temporary folder.</summary>
public sealed class EmbeddedServiceFactory : ServiceFactory, IAsyncLifetime
{
    private readonly PostGisStoreFixture _reference = new();

    public override PostGisStoreFixture Reference => _reference;

    public Task InitializeAsync() => _reference.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _reference.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        GisDataServiceFactory.UseEmbeddedStore(builder, RepoPaths.GisData);
        builder.UseSetting("IndicatorActuals:Path", DataFolder);
    }
}

/// <summary>The service on a private PostGIS database loaded with gis-data by the real importer.</summary>
public sealed class PostGisServiceFactory : ServiceFactory, IAsyncLifetime
{
    private readonly PostGisStoreFixture _database = new();

    public override PostGisStoreFixture Reference => _database;

    public Task InitializeAsync() => _database.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _database.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Geo", _database.Database.ConnectionString);
}

/// <summary>
/// The service on the embedded store with this repository's (or the given) gis-data and no reference database: for
/// the viewer's browser tests and tests of the hosting alone.
/// </summary>
/// <param name="settings">Configuration to add, e.g. <c>Viewer:TileThreshold</c>.</param>
public sealed class GisDataServiceFactory(string? gisData = null, IReadOnlyDictionary<string, string>? settings = null) : ServiceFactory
{
    public override PostGisStoreFixture Reference => throw new NotSupportedException("this factory has no reference database");

    public static void UseEmbeddedStore(IWebHostBuilder builder, string gisData)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("ConnectionStrings:Geo", "");
        builder.UseSetting("GisData:Path", gisData);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseEmbeddedStore(builder, gisData ?? RepoPaths.GisData);
        builder.UseSetting("IndicatorActuals:Path", DataFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
