using System.Net;
using Geo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geo.Viewer.Tests;

/// <summary>
/// The real service on Kestrel at 127.0.0.1 and a free port, on the embedded store with this repository's gis-data,
/// so a real browser can reach it.
/// </summary>
public sealed class ViewerServiceFactory : WebApplicationFactory<Program>
{
    public ViewerServiceFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Accounts and indicator values made by the tests go here, not into the user's own folder.</summary>
    private readonly string _data = Path.Combine(Path.GetTempPath(), "viewer-data-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Geo", "");
        builder.UseSetting("GisData:Path", RepoPaths.GisData);
        builder.UseSetting("IndicatorActuals:Path", _data);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
