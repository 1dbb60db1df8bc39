using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Geo.Testing;

/// <summary>
/// A tiny OpenID Connect provider on a real port: discovery document, an authorization endpoint that signs the user in
/// at once and sends the browser back with a code, JWKS, and a token endpoint that redeems that code for an id_token
/// signed with its own RSA key, only when the PKCE verifier matches the challenge it was given.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "kaizhou-map";
    public const string Code = "code-from-the-test";
    private const string KeyId = "test-key";

    private readonly RSA _key = RSA.Create(2048);
    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app) => _app = app;

    public string Authority { get; private set; } = "";

    /// <summary>The query of the last authorization request the service sent the browser to (nonce, code_challenge, …).</summary>
    public IReadOnlyDictionary<string, string> Authorization { get; set; } = new Dictionary<string, string>();

    /// <summary>The id_token's claims beyond iss/aud/nonce, e.g. sub and role.</summary>
    public Dictionary<string, object> User { get; } = [];

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new TestIdentityProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Authority,
            ["authorization_endpoint"] = provider.Authority + "/authorize",
            ["token_endpoint"] = provider.Authority + "/token",
            ["jwks_uri"] = provider.Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        // A browser arrives here from the service; the user is signed in at once (User) and sent back with the code.
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            provider.Authorization = request.Query.ToDictionary(p => p.Key, p => p.Value.ToString());
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={Code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        app.MapGet("/jwks", () =>
        {
            var p = provider._key.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } },
            });
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (form["code"] != Code || form["client_id"] != ClientId || challenge != provider.Authorization.GetValueOrDefault("code_challenge"))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var claims = new Dictionary<string, object>(provider.User) { ["nonce"] = provider.Authorization["nonce"] };
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = provider.Authority,
                Audience = ClientId,
                Claims = claims,
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(provider._key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "not-used", token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
        await app.StartAsync();
        provider.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}
