using Geo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Geo.Api.Tests.Hosting;

/// <summary>The service in-process on the embedded store, without the reference PostGIS: for tests of the hosting alone.</summary>
internal static class EmbeddedService
{
    public static WebApplicationFactory<Program> Create(Action<IWebHostBuilder>? configure = null, string? gisData = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Geo", "");
            b.UseSetting("GisData:Path", gisData ?? RepoPaths.GisData);
            configure?.Invoke(b);
        });
}
