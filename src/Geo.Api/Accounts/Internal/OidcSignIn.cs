using System.Security.Claims;
using Geo.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Geo.Api.Accounts.Internal;

/// <summary>
/// Sign-in at the office's identity provider: the authorization-code flow with PKCE, ending in the same session cookie as
/// a password sign-in. The provider's user becomes <c>oidc:NAME</c> with the role its role claim maps to. The provider
/// vouches for the user; the local row made at the first sign-in (<see cref="AccountService.ProviderUserAsync"/>) is
/// what an admin disables, which refuses the next sign-in and ends open sessions.
/// </summary>
internal static class OidcSignIn
{
    public const string SchemeName = "oidc";

    /// <summary>The provider's subject id of a session opened there (its name may change at the provider; this does not).</summary>
    public const string SubjectType = "geo:oidc-subject";

    public static AuthenticationBuilder AddOidcSignIn(this AuthenticationBuilder builder, OidcOptions settings) =>
        builder.AddOpenIdConnect(SchemeName, "identity provider", o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            o.CallbackPath = settings.CallbackPath;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            // Keep the provider's claim names (sub, role, preferred_username) instead of the long WS-* URIs.
            o.MapInboundClaims = false;
            o.Scope.Clear();
            o.Scope.Add(OpenIdConnectScope.OpenId);
            o.Scope.Add(OpenIdConnectScope.OpenIdProfile);
            o.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = c => SignInAsync(c, settings),
                // A failed or refused sign-in is an answer saying why, not an exception page.
                OnRemoteFailure = c =>
                {
                    c.HandleResponse();
                    return AuthProblems.WriteAsync(c.HttpContext, StatusCodes.Status401Unauthorized,
                        $"the sign-in at the identity provider did not succeed: {c.Failure?.Message}");
                },
            };
        });

    /// <summary>The role the provider's values give: the highest one mapped; otherwise the default role, or null to refuse.</summary>
    public static Role? RoleOf(IEnumerable<string> values, OidcOptions settings)
    {
        Role? best = null;
        foreach (var value in values)
        {
            if ((settings.RoleMap.TryGetValue(value, out var mapped) && Roles.TryParse(mapped, out var role)) || Roles.TryParse(value, out role))
            {
                best = best is { } b && b >= role ? b : role;
            }
        }

        return best ?? (Roles.TryParse(settings.DefaultRole, out var fallback) ? fallback : null);
    }

    private static async Task SignInAsync(TokenValidatedContext context, OidcOptions settings)
    {
        var claims = context.Principal!;
        var subject = claims.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("the id_token has no subject (sub)");
            return;
        }

        var issuer = claims.FindFirst("iss")?.Value;
        var shown = claims.FindFirst("preferred_username")?.Value is { Length: > 0 } username ? username : subject;
        string name;
        try
        {
            name = AccountNames.IdentityProvider(shown);
        }
        catch (AccountException e)
        {
            context.Fail($"the identity provider's name for this user cannot be used here: {e.Message}");
            return;
        }

        var cancellationToken = context.HttpContext.RequestAborted;
        var audit = context.HttpContext.RequestServices.GetRequiredService<IAuditLog>();
        var from = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var role = RoleOf(claims.FindAll(settings.RoleClaim).Select(c => c.Value), settings);
        var detail = JsonSerializer.Serialize(new { from, provider = issuer, subject, role = role is { } r ? Roles.Name(r) : null });
        if (role is null)
        {
            await audit.AppendAsync(new NewAuditEntry(name, AuditActions.LoginFailed, AuditActions.Users, name, detail), cancellationToken);
            context.Fail($"the identity provider gives this user no role here (claim '{settings.RoleClaim}'); ask an admin to map one in {OidcOptions.Section}:RoleMap");
            return;
        }

        var account = await context.HttpContext.RequestServices.GetRequiredService<AccountService>().ProviderUserAsync(name, role.Value, cancellationToken);
        if (account.Disabled)
        {
            await audit.AppendAsync(new NewAuditEntry(name, AuditActions.LoginFailed, AuditActions.Users, name, detail), cancellationToken);
            context.Fail($"the account {name} is disabled here (users disable); ask an admin");
            return;
        }

        await audit.AppendAsync(new NewAuditEntry(name, AuditActions.LoginSucceeded, AuditActions.Users, name, detail), cancellationToken);
        // The cookie scheme's authentication type, so the anti-forgery rule for cookie writes applies to this session
        // too; the row's stamp, so that disabling the user ends the session like a local account's.
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, Roles.Name(role.Value)),
                new Claim(AccountClaims.StampType, account.Stamp), new Claim(SubjectType, subject),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
