using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Geo.Api.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (for a restart policy). <c>/health/ready</c>: the store can serve (for a
/// load balancer): PostGIS answers a query when the service runs on it, or the embedded store has its data loaded.
/// Both answer JSON with the status of each check; not ready is 503. <c>/health</c> stays as the plain liveness answer
/// older probes use.
/// </summary>
public static class HealthChecks
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddServiceHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreReadinessCheck>("store", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Probes never sign in, also when reading needs an account (Auth:AllowAnonymousRead=false).
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, cancellationToken: context.RequestAborted);
    }
}

/// <summary>Ready when the store can answer: PostGIS reachable with its extension, or the embedded data loaded.</summary>
internal sealed class StoreReadinessCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<NpgsqlDataSource>() is { } dataSource)
        {
            await using var command = dataSource.CreateCommand("SELECT postgis_lib_version()");
            var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PostGIS {version} answers");
        }

        // The embedded store loads in the background from start: not ready (with its progress) until it has, or when it cannot.
        var store = services.GetRequiredService<IFeatureStore>();
        long projects;
        try
        {
            projects = await store.CountAsync(new FeatureQuery(Catalog.Projects), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreNotReadyException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }

        return projects > 0
            ? HealthCheckResult.Healthy($"{store.Kind} store loaded ({projects} projects)")
            : HealthCheckResult.Unhealthy($"{store.Kind} store has no projects loaded");
    }
}
