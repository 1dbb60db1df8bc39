using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Geo.Api.Hosting;

/// <summary>Tells whoever started the service where the viewer is and which store answers.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var store = app.Services.GetRequiredService<IFeatureStore>();
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var location = app.Services.GetService<GisDataLocation>();
        var source = location is null ? store.Kind : $"{store.Kind}, from {location.Folder}";
        Console.WriteLine($"开州区“小县大城”规划地图服务 — store: {source}");
        foreach (var address in addresses)
        {
            var url = address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
            Console.WriteLine($"Viewer:  {url}/");
            Console.WriteLine($"OGC API: {url}/ogcapi");
        }
    }
}
