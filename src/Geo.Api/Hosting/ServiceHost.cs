using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Geo.Api.Accounts;
using Geo.Api.Analysis;
using Geo.Api.Backends;
using Geo.Api.Files;
using Geo.Api.Imports;
using Geo.Api.OgcApi;
using Geo.Api.Search;
using Geo.Core.Crs;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Configuration.Memory;
using NetTopologySuite.IO.Converters;

namespace Geo.Api.Hosting;

/// <summary>Builds the web application: store, accounts, OGC API, OpenAPI, viewer, compression, CORS and problem details.</summary>
public static class ServiceHost
{
    /// <summary>ASP.NET Core's setting (StaticAssetDevelopmentRuntimeHandler) for reloading static assets at run time.</summary>
    private const string ReloadStaticAssets = "ReloadStaticAssetsAtRuntime";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // The viewer's files are served as the build listed them, as a published app serves them. For a build's
        // manifest (`dotnet run`) ASP.NET Core's default re-checks the file on every request, looks on disk for every
        // path no endpoint has, and sends a file it takes for changed as an uncompressed "gzip" (the viewer's bundle:
        // 267 KB instead of 80 KB; this runtime compares the file's time to the second's fraction with the manifest's
        // whole second, so every file counts as changed). The first of the sources, so that appsettings, the
        // environment or the command line can still turn it on (ReloadStaticAssetsAtRuntime=true, while rebuilding
        // the viewer under a running service).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new(ReloadStaticAssets, "false")] });

        // Without this, a build or publish started outside Development serves the viewer's files with empty bodies.
        builder.WebHost.UseStaticWebAssets();
        builder.AddOperations();
        builder.Services.AddRequestLimits();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

            // As AnalysisJson writes them, so that the OpenAPI schemas (made from these options) match the answers.
            o.SerializerOptions.Converters.Add(new GeoJsonConverterFactory(Cgcs2000.GeometryFactory));
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddBackend(builder.Configuration);
        builder.Services.AddSingleton<Geo.Api.OgcApi.Tiles.TileOverviews>();
        builder.Services.AddSingleton<Geo.Api.OgcApi.Tiles.TileCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Geo.Api.OgcApi.Tiles.TileOverviews>());
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddOpenApiDocument();
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<GzipCompressionProvider>();
            o.Providers.Add<BrotliCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                [OgcMediaTypes.GeoJson, Geo.Api.OgcApi.Tiles.TilesEndpoints.MediaType, "application/problem+json", "application/schema+json", "text/csv", OgcMediaTypes.OpenApi]);
        });
        builder.Services.AddCorsFromConfiguration(builder.Configuration);
        builder.Services.AddPlanningAnalyses();
        builder.Services.AddImports();

        var app = builder.Build();
        app.UseOperations();
        app.UseRequestLimits();
        app.UseResponseCompression();

        // "/" becomes "/index.html" before routing picks the endpoint, so the viewer's static asset answers it. Only
        // "/": for any other path the middleware asks the file system whether it is a folder holding an index.html
        // (stat calls and a directory listing on every API request; the viewer has no other folder with one).
        app.UseWhen(context => context.Request.Path == "/", viewer => viewer.UseDefaultFiles());
        app.UseRouting();
        app.UseCors();
        app.UseAccounts();
        app.MapStaticAssets().AllowAnonymous();
        app.MapOpenApiDocument();
        app.MapOgcApi();
        app.MapProjectsInAreaApi();
        app.MapOverlayApi();
        app.MapComplianceApi();
        app.MapFilePreviewApi();
        app.MapFlowsApi();
        app.MapIndicatorsApi();
        app.MapLivingCircleApi();
        app.MapSearchApi();
        app.MapViewerConfig();
        app.MapSessionApi();
        app.MapAuditApi();
        app.MapImportsApi();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        return app;
    }
}
