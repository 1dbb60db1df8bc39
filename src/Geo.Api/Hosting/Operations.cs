namespace Geo.Api.Hosting;

/// <summary>
/// What a server room expects of the service, registered in one place: listen address, validated settings, request
/// logs, telemetry, health endpoints, 503 while the database is down or the embedded data loads, security headers, and memory given back after large requests.
/// </summary>
public static class Operations
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.UseDefaultListenAddressUnlessConfigured();
        builder.AddTelemetry();
        builder.Services.AddValidatedOptions<GisDataOptions, GisDataOptionsValidator>(builder.Configuration, GisDataOptions.Section);
        builder.AddSecurityHeaders();
        builder.Services.AddServiceHealthChecks();
        builder.Services.AddDatabaseUnavailableProblems();
        builder.Services.AddStoreNotReadyProblems();
        builder.Services.AddHostedService<MemoryRelease>();
        return builder;
    }

    /// <summary>Outermost middleware (request logs see the final status and duration) and the health endpoints.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseRequestLogging();
        app.UseSecurityHeaders();
        app.MapHealthEndpoints();
        return app;
    }
}
