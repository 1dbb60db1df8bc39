using Geo.Api.Accounts.Internal;
using Geo.Api.Hosting;
using Geo.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Geo.Api.Accounts;

/// <summary>
/// Sign-in with ASP.NET Core's own stack: a cookie session for the viewer (HttpOnly, SameSite=Strict, ended when the
/// account's stamp changes), personal bearer tokens for API clients, role policies, and an anti-forgery check on
/// every write made with the cookie. The account stores themselves are registered with the feature store.
/// </summary>
public static class AccountsHosting
{
    /// <summary>Picks the bearer-token scheme when the request carries one, the cookie otherwise.</summary>
    private const string Scheme = "Geo";

    public const string CookieName = "kaizhou.session";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.Section);
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton<AccountService>();
        services.AddSingleton<LoginThrottle>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "kaizhou.csrf";
        });

        services.AddValidatedOptions<OidcOptions, OidcOptionsValidator>(configuration, OidcOptions.Section);
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();

        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? PersonalTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalTokenHandler>(PersonalTokenHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(options.SessionHours);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // An API answers 401/403; it never redirects to a login page.
                    OnRedirectToLogin = c => AuthProblems.WriteAsync(c.HttpContext, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = c => AuthProblems.WriteAsync(c.HttpContext, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ValidateSessionAsync,
                };
            });
        if (oidc.Enabled)
        {
            authentication.AddOidcSignIn(oidc);
        }

        var policies = services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.SignedIn, p => p.RequireRole(Roles.AtLeast(Role.Viewer)))
            .AddPolicy(AuthPolicies.Edit, p => p.RequireRole(Roles.AtLeast(Role.Editor)))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireRole(Roles.AtLeast(Role.Admin)));
        if (!options.AllowAnonymousRead)
        {
            // Every endpoint without a policy of its own (reads) needs a signed-in account; the viewer's files, the
            // session endpoints and the health checks say AllowAnonymous.
            policies.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }

        return services;
    }

    public static IApplicationBuilder UseAccounts(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app.Use(RequireAntiforgeryOnCookieWritesAsync);
    }

    /// <summary>
    /// A browser sends the session cookie with any request, also one another site makes it send; so a write that relies
    /// on the cookie must carry the anti-forgery token too. Bearer tokens are never sent by the browser on its own.
    /// </summary>
    private static async Task RequireAntiforgeryOnCookieWritesAsync(HttpContext context, Func<Task> next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme }
            && !(HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SessionApi.Path, StringComparison.OrdinalIgnoreCase)))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await AuthProblems.WriteAsync(context, StatusCodes.Status400BadRequest);
                return;
            }
        }

        await next();
    }

    /// <summary>
    /// Ends a session whose account was disabled or got a new password since it was opened. A session opened at the
    /// identity provider is checked against its user's local row the same way (<see cref="AccountService.ProviderUserAsync"/>).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        var name = context.Principal?.Identity?.Name;
        var account = name is null ? null : await accounts.FindAsync(name, context.HttpContext.RequestAborted);
        if (account is not { Disabled: false } || account.Stamp != context.Principal?.FindFirst(AccountClaims.StampType)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
