namespace Geo.Api.Tests.Hosting;

/// <summary>Security headers on every kind of answer, and CORS closed unless configuration opens it.</summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/ogcapi/collections/projects/items?limit=1", HttpStatusCode.OK)]
    [InlineData("/api/analysis/compliance/projects/6?f=html", HttpStatusCode.OK)]
    [InlineData("/ogcapi/collections/projects/items?bbox=abc", HttpStatusCode.BadRequest)]
    [InlineData("/no/such/path", HttpStatusCode.NotFound)]
    public async Task Every_answer_carries_the_security_headers_and_no_server_name(string path, HttpStatusCode status)
    {
        await using var factory = EmbeddedService.Create();

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Kestrel_sends_no_server_header()
    {
        // On a real Kestrel port: the in-memory test server never adds a Server header, Kestrel does.
        using var factory = new GisDataServiceFactory();

        using var client = new HttpClient { BaseAddress = factory.ListeningAddress };
        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Tile_hosts_are_allowed_only_for_the_base_maps_switched_on()
    {
        await using var off = EmbeddedService.Create();
        await using var on = EmbeddedService.Create(b => b.UseSetting("Viewer:BaseMaps:Tianditu:Enabled", "true"));

        var closed = Assert.Single((await off.CreateClient().GetAsync("/")).Headers.GetValues("Content-Security-Policy"));
        var open = Assert.Single((await on.CreateClient().GetAsync("/")).Headers.GetValues("Content-Security-Policy"));

        Assert.DoesNotContain("tianditu", closed, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: blob: https://*.tianditu.gov.cn;", open, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_is_closed_by_default_and_open_to_the_configured_origins()
    {
        await using var closed = EmbeddedService.Create();
        await using var open = EmbeddedService.Create(b => b.UseSetting("Cors:AllowedOrigins:0", "https://maps.example.cn"));

        var fromOther = await SendFromAsync(closed, "https://maps.example.cn");
        var allowed = await SendFromAsync(open, "https://maps.example.cn");
        var notListed = await SendFromAsync(open, "https://evil.example");

        Assert.False(fromOther.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://maps.example.cn", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(notListed.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<HttpResponseMessage> SendFromAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ogcapi/collections/projects/items?limit=1");
        request.Headers.Add("Origin", origin);
        return await factory.CreateClient().SendAsync(request);
    }
}
