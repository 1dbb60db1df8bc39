using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Geo.Api.Tests.Accounts;

/// <summary>
/// Sign-in at an identity provider, proven against a real one on a real port: the challenge is a code flow with PKCE,
/// a foreign return URL is refused, and a code redeemed with the right verifier opens a session with the mapped role.
/// </summary>
public sealed class OidcSignInTests
{
    [Fact]
    public async Task Without_configuration_the_endpoint_says_oidc_is_not_configured()
    {
        using var service = new GisDataServiceFactory();
        using var client = service.CreateClient();

        var response = await client.GetAsync(new Uri("/api/session/oidc?returnUrl=/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not configured", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_flow_with_pkce_signs_in_an_editor_of_the_identity_provider()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        idp.User["sub"] = "248289761001";
        idp.User["preferred_username"] = "zhang.wei";
        idp.User["role"] = new[] { "gis-staff", "planning-editors" };
        using var service = Service(idp);
        using var client = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var challenge = await client.GetAsync(new Uri("/api/session/oidc?returnUrl=/?lang=en", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        Assert.Equal(idp.Authority + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        Assert.Equal(TestIdentityProvider.ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].Length); // base64url of a SHA-256
        Assert.Equal("https://localhost/signin-oidc", query["redirect_uri"]);

        var callback = await SignInAtProviderAsync(idp, client, query);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/?lang=en", callback.Headers.Location?.OriginalString);
        var session = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/session", UriKind.Relative));
        Assert.Equal("oidc:zhang.wei", session.GetProperty("name").GetString());
        Assert.Equal("editor", session.GetProperty("role").GetString());
        var audit = service.Services.GetRequiredService<IAuditLog>();
        var entries = await audit.QueryAsync(new AuditQuery("oidc:zhang.wei", null, null, null, 10), CancellationToken.None);
        // The first sign-in makes the user's local row (what an admin disables), then signs in.
        Assert.Equal([AuditActions.UserAdded, AuditActions.LoginSucceeded], entries.Select(e => e.Action).Reverse());
        var login = entries[0];
        Assert.Contains("\"subject\":\"248289761001\"", login.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_without_a_mapped_role_is_refused_when_the_default_role_is_none()
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        idp.User["sub"] = "248289761002";
        idp.User["preferred_username"] = "li.na";
        idp.User["role"] = "gis-staff";
        using var service = Service(idp, ("Auth:Oidc:DefaultRole", "none"));
        using var client = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var challenge = await client.GetAsync(new Uri("/api/session/oidc", UriKind.Relative));
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

        var callback = await SignInAtProviderAsync(idp, client, query);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal("application/problem+json", callback.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RoleMap", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/session", UriKind.Relative))).StatusCode);
        var audit = service.Services.GetRequiredService<IAuditLog>();
        var login = Assert.Single(await audit.QueryAsync(new AuditQuery("oidc:li.na", null, null, null, 10), CancellationToken.None));
        Assert.Equal(AuditActions.LoginFailed, login.Action);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task A_return_url_off_this_service_is_refused(string returnUrl)
    {
        await using var idp = await TestIdentityProvider.StartAsync();
        using var service = Service(idp);
        using var client = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/api/session/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("returnUrl", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The user signs in at the provider, which sends the browser back to the service with a code.</summary>
    private static Task<HttpResponseMessage> SignInAtProviderAsync(TestIdentityProvider idp, HttpClient client, Dictionary<string, string> authorization)
    {
        idp.Authorization = authorization;
        return client.GetAsync(new Uri($"/signin-oidc?code={TestIdentityProvider.Code}&state={Uri.EscapeDataString(authorization["state"])}", UriKind.Relative));
    }

    private static GisDataServiceFactory Service(TestIdentityProvider idp, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:Oidc:Authority"] = idp.Authority,
            ["Auth:Oidc:ClientId"] = TestIdentityProvider.ClientId,
            ["Auth:Oidc:ClientSecret"] = "secret-of-the-test",
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:RoleMap:planning-editors"] = "editor",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return new GisDataServiceFactory(settings: settings);
    }
}
