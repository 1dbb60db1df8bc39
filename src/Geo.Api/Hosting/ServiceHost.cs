using System.Text.Encodings.Web;
using System.Text.Unicode;
using Geo.Api.OgcApi;

namespace Geo.Api.Hosting;

/// <summary>Builds the web application: store, OGC API, viewer, problem details.</summary>
public static class ServiceHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Without this, a build or publish started outside Development serves the viewer's files with empty bodies.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        builder.Services.AddFeatureStore(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // "/" becomes "/index.html" before routing picks the endpoint, so the viewer's static asset answers it.
        app.UseDefaultFiles();
        app.UseRouting();
        app.MapStaticAssets();
        app.MapOgcApi();
        app.MapViewerConfig();
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        return app;
    }
}
