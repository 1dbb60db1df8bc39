using System.Net.Http.Json;
using Geo.Api.Accounts;

namespace Geo.Api.Tests.Accounts;

/// <summary>
/// An admin disables a user of the identity provider (<c>oidc:NAME</c>): the next sign-in there is refused with a
/// problem saying so, and a session already open ends at its next request; on both stores, against a real provider.
/// </summary>
public abstract class OidcDisableCases(IReadOnlyDictionary<string, string> storeSettings)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_disabled_user_is_refused_at_the_next_sign_in_with_a_problem_saying_so()
    {
        await using var idp = await StartProviderAsync("li.na");
        using var service = Service(idp);
        await service.Services.GetRequiredService<AccountService>().DisableAsync("oidc:Li.Na", "cli:operator", None);
        using var client = Client(service);

        var callback = await SignInAsync(idp, client);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Equal("application/problem+json", callback.Content.Headers.ContentType?.MediaType);
        Assert.Contains("oidc:li.na is disabled", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri(SessionApi.Path, UriKind.Relative))).StatusCode);
        var trail = await service.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(null, AuditActions.Users, null, null, 100), None);
        Assert.Equal([AuditActions.UserAdded, AuditActions.UserDisabled, AuditActions.LoginFailed],
            trail.Where(e => e.Target == "oidc:li.na").Select(e => e.Action).Reverse());
    }

    [Fact]
    public async Task Disabling_a_signed_in_user_ends_the_session_at_its_next_request()
    {
        await using var idp = await StartProviderAsync("zhang.wei");
        using var service = Service(idp);
        using var client = Client(service);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(idp, client)).StatusCode);
        var session = await client.GetFromJsonAsync<JsonElement>(new Uri(SessionApi.Path, UriKind.Relative));
        Assert.Equal(("oidc:zhang.wei", "editor"), (session.GetProperty("name").GetString(), session.GetProperty("role").GetString()));
        var row = await service.Services.GetRequiredService<IAccountStore>().FindAsync("oidc:zhang.wei", None);
        Assert.Equal((Role.Editor, (string?)null, false), (row!.Role, row.PasswordHash, row.Disabled));

        await service.Services.GetRequiredService<AccountService>().DisableAsync("oidc:zhang.wei", "cli:operator", None);

        var after = await client.GetAsync(new Uri(SessionApi.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
        Assert.True((await service.Services.GetRequiredService<IAccountStore>().FindAsync("oidc:zhang.wei", None))!.Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(idp, client)).StatusCode);
    }

    private static async Task<TestIdentityProvider> StartProviderAsync(string username)
    {
        var idp = await TestIdentityProvider.StartAsync();
        idp.User["sub"] = "sub-" + username;
        idp.User["preferred_username"] = username;
        idp.User["role"] = "planning-editors";
        return idp;
    }

    private GisDataServiceFactory Service(TestIdentityProvider idp) => new(settings: new Dictionary<string, string>(storeSettings)
    {
        ["Auth:Oidc:Authority"] = idp.Authority,
        ["Auth:Oidc:ClientId"] = TestIdentityProvider.ClientId,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Auth:Oidc:RoleMap:planning-editors"] = "editor",
    });

    private static HttpClient Client(GisDataServiceFactory service) =>
        service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    /// <summary>The browser's round trip: the service sends it to the provider, which sends it back with a code.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(TestIdentityProvider idp, HttpClient client)
    {
        var challenge = await client.GetAsync(new Uri(SessionApi.OidcPath + "?returnUrl=/", UriKind.Relative));
        Assert.StartsWith(idp.Authority, challenge.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);
        var back = await browser.GetAsync(challenge.Headers.Location);
        return await client.GetAsync(new Uri(back.Headers.Location!.PathAndQuery, UriKind.Relative));
    }
}

public sealed class EmbeddedOidcDisableTests() : OidcDisableCases(new Dictionary<string, string>());

public sealed class PostGisOidcDisableTests(PostGisAccountsFixture store)
    : OidcDisableCases(new Dictionary<string, string> { ["ConnectionStrings:Geo"] = store.Database.ConnectionString }), IClassFixture<PostGisAccountsFixture>;
