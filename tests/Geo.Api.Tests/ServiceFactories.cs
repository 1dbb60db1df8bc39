using Geo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Geo.Api.Tests;

/// <summary>The service on the embedded store, reading this repository's gis-data; recorded indicator actuals go to a temporary folder.</summary>
public sealed class EmbeddedServiceFactory : WebApplicationFactory<Program>
{
    private readonly string _actuals = Path.Combine(Path.GetTempPath(), "indicator-actuals-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Geo", "");
        builder.UseSetting("GisData:Path", RepoPaths.GisData);
        builder.UseSetting("IndicatorActuals:Path", _actuals);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_actuals))
        {
            Directory.Delete(_actuals, recursive: true);
        }
    }
}

/// <summary>The service on a private PostGIS database loaded with gis-data by the real importer.</summary>
public sealed class PostGisServiceFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly PostGisStoreFixture _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _database.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Geo", _database.Database.ConnectionString);
}
