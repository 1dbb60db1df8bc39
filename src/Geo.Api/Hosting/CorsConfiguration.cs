using Microsoft.Extensions.Options;

namespace Geo.Api.Hosting;

/// <summary>
/// Cross-origin reads for web clients on other hosts. Closed by default (same origin only: the viewer needs nothing
/// else, and desktop clients such as QGIS and GDAL do not use CORS); <c>Cors:AllowedOrigins</c> opens it to the listed
/// origins, or to any with "*". The ETag and Content-Crs headers are exposed to scripts.
/// </summary>
public static class CorsConfiguration
{
    public static IServiceCollection AddCorsFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CrossOriginOptions, CrossOriginOptionsValidator>(configuration, CrossOriginOptions.Section);
        var origins = configuration.GetSection(CrossOriginOptions.Section).Get<CrossOriginOptions>()?.AllowedOrigins ?? [];
        return services.AddCors(o => o.AddDefaultPolicy(policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                // An empty list allows no other origin: the policy then adds no CORS header at all.
                policy.WithOrigins([.. origins.Select(o => o.TrimEnd('/'))]);
            }

            policy.WithMethods("GET", "HEAD", "POST", "OPTIONS").AllowAnyHeader().WithExposedHeaders("ETag", "Content-Crs");
        }));
    }
}

/// <summary>The <c>Cors</c> settings.</summary>
public sealed class CrossOriginOptions
{
    public const string Section = "Cors";

    /// <summary>Origins such as https://maps.example.cn, or "*" for any; empty for same origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

internal sealed class CrossOriginOptionsValidator : IValidateOptions<CrossOriginOptions>
{
    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            var origin = options.AllowedOrigins[i];
            var valid = origin == "*"
                || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && uri.Scheme is "http" or "https"
                    && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment));
            if (!valid)
            {
                return ValidateOptionsResult.Fail(
                    $"Cors:AllowedOrigins:{i} (Cors__AllowedOrigins__{i}) is '{origin}'; use an origin such as https://maps.example.cn (scheme, host and port, no path) or *");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
