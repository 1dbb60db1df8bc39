using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Geo.Testing;

/// <summary>The service in-process on the embedded store, without the reference PostGIS: for tests of the hosting alone.</summary>
public static class EmbeddedService
{
    public static WebApplicationFactory<Program> Create(Action<IWebHostBuilder>? configure = null, string? gisData = null) =>
        new GisDataServiceFactory(gisData).WithWebHostBuilder(b => configure?.Invoke(b));
}
