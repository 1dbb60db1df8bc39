namespace Geo.Api.Hosting;

/// <summary>
/// Headers every answer carries: a Content-Security-Policy that lets the viewer and the HTML reports load only our own
/// scripts and, when a base map is switched on, its tiles (styles may be inline: the reports and OpenLayers' controls
/// use them); <c>frame-ancestors 'self'</c> against click-jacking; <c>nosniff</c>; a referrer policy that sends other
/// sites the origin only. Kestrel's <c>Server</c> header is switched off, so the answer does not name the server.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>The policy; tile hosts are allowed only for the base maps that configuration switches on.</summary>
    public static string ContentSecurityPolicy(IConfiguration configuration)
    {
        var tiles = new List<string>();
        if (configuration.GetValue<bool>("Viewer:BaseMaps:Tianditu:Enabled"))
        {
            tiles.Add("https://*.tianditu.gov.cn");
        }

        if (configuration.GetValue<bool>("Viewer:BaseMaps:OpenStreetMap:Enabled"))
        {
            tiles.Add("https://tile.openstreetmap.org");
        }

        var images = string.Join(' ', ["'self'", "data:", "blob:", .. tiles]);
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + $"img-src {images}; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    }
}
