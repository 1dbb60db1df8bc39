using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Geo.Api.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core (including the <c>http.server.request.duration</c> histogram),
/// HttpClient and Npgsql. Nothing leaves the process unless <c>Telemetry:Exporter</c> says where: <c>console</c>, or
/// <c>otlp</c> (to <c>Telemetry:OtlpEndpoint</c>, else the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "kaizhou-geo";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(builder.Configuration, TelemetryOptions.Section);
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exporter = options.Exporter.Trim().ToLowerInvariant();
        Uri? endpoint = Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) ? uri : null;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql();
                _ = exporter switch
                {
                    TelemetryOptions.Console => tracing.AddConsoleExporter(),
                    TelemetryOptions.Otlp => tracing.AddOtlpExporter(o => o.Endpoint = endpoint ?? o.Endpoint),
                    _ => tracing,
                };
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation();
                _ = exporter switch
                {
                    TelemetryOptions.Console => metrics.AddConsoleExporter(),
                    TelemetryOptions.Otlp => metrics.AddOtlpExporter(o => o.Endpoint = endpoint ?? o.Endpoint),
                    _ => metrics,
                };
            });
        return builder;
    }
}

/// <summary>The <c>Telemetry</c> settings.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const string None = "none";
    public const string Console = "console";
    public const string Otlp = "otlp";

    /// <summary><c>none</c> (default), <c>console</c> or <c>otlp</c>.</summary>
    public string Exporter { get; set; } = None;

    /// <summary>The OTLP collector, e.g. http://127.0.0.1:4317; empty for the OTEL_EXPORTER_OTLP_ENDPOINT default.</summary>
    public string? OtlpEndpoint { get; set; }
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        if (options.Exporter.Trim().ToLowerInvariant() is not (TelemetryOptions.None or TelemetryOptions.Console or TelemetryOptions.Otlp))
        {
            return ValidateOptionsResult.Fail(
                $"Telemetry:Exporter (Telemetry__Exporter) is '{options.Exporter}'; use {TelemetryOptions.None}, {TelemetryOptions.Console} or {TelemetryOptions.Otlp}");
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out _))
        {
            return ValidateOptionsResult.Fail(
                $"Telemetry:OtlpEndpoint (Telemetry__OtlpEndpoint) is '{options.OtlpEndpoint}'; use an absolute URL such as http://127.0.0.1:4317");
        }

        return ValidateOptionsResult.Success;
    }
}
