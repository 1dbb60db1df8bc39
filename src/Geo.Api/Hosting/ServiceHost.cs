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
using NetTopologySuite.IO.Converters;

namespace Geo.Api.Hosting;

/// <summary>Builds the web application: store, accounts, OGC API, OpenAPI, viewer, compression, CORS and problem details.</summary>
public static class ServiceHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

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

        // "/" becomes "/index.html" before routing picks the endpoint, so the viewer's static asset answers it.
        app.UseDefaultFiles();
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
