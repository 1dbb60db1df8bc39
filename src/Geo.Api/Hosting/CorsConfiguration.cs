namespace Geo.Api.Hosting;

/// <summary>
/// Cross-origin reads for web clients on other hosts: <c>Cors:AllowedOrigins</c> lists the origins ("*" for any,
/// the default, since every endpoint is a public read). The ETag and Content-Crs headers are exposed to scripts.
/// </summary>
public static class CorsConfiguration
{
    public static IServiceCollection AddCorsFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? ["*"];
        return services.AddCors(o => o.AddDefaultPolicy(policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            policy.WithMethods("GET", "HEAD", "POST", "OPTIONS").AllowAnyHeader().WithExposedHeaders("ETag", "Content-Crs");
        }));
    }
}
