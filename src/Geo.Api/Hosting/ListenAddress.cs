namespace Geo.Api.Hosting;

/// <summary>
/// Where the service listens when nobody said: http://127.0.0.1:5080, so a developer's `dotnet run` is not exposed on
/// the network. Anything the standard ASP.NET Core settings say wins — <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>, <c>ASPNETCORE_HTTPS_PORTS</c> (containers set these), <c>Urls</c> in configuration,
/// <c>--urls</c>, or Kestrel endpoints in configuration. The default is therefore not in appsettings.json, where it
/// would beat the environment variables.
/// </summary>
public static class ListenAddress
{
    public const string Default = "http://127.0.0.1:5080";

    public static WebApplicationBuilder UseDefaultListenAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = new[] { "urls", "http_ports", "https_ports" }.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()
            || new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" }
                .Any(name => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)));
        if (!configured)
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }
}
