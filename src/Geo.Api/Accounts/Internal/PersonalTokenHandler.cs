using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Geo.Api.Accounts.Internal;

/// <summary>
/// <c>Authorization: Bearer kzgeo_…</c>: a personal token (CLI <c>users token</c> or <c>POST /api/session/tokens</c>)
/// looked up by its hash. Only in the header, never in a URL, where it would end up in logs and browser history.
/// </summary>
internal sealed class PersonalTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        return await accounts.FindByTokenAsync(token, Context.RequestAborted) is { } account
            ? AuthenticateResult.Success(new AuthenticationTicket(AccountClaims.Principal(account, SchemeName), SchemeName))
            : AuthenticateResult.Fail("unknown or revoked token");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return AuthProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.WriteAsync(Context, StatusCodes.Status403Forbidden);
}
