using Geo.Api.Accounts.Internal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Geo.Api.Accounts;

/// <summary><c>GET /api/session/oidc?returnUrl=/</c>: sends the browser to the office's identity provider to sign in.</summary>
public static partial class SessionApi
{
    public const string OidcPath = Path + "/oidc";
    private const int MaxReturnUrlLength = 2048;

    private static RouteGroupBuilder MapOidcSignIn(this RouteGroupBuilder group)
    {
        group.MapGet("/oidc", ChallengeOidc)
            .AllowAnonymous()
            .WithName("SignInWithIdentityProvider")
            .WithSummary("用本单位的身份提供方（OpenID Connect）登录：302 跳转到其登录页，登录后回到 returnUrl（仅限本站路径）；未配置时 404")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static ChallengeHttpResult ChallengeOidc(string? returnUrl, IOptions<OidcOptions> options)
    {
        if (!options.Value.Enabled)
        {
            throw InputException.NotFound("oidc",
                $"sign-in with an identity provider (OpenID Connect) is not configured on this service; set {OidcOptions.Section}:Authority and ClientId, or sign in with POST {Path}");
        }

        var target = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
        if (target.Length > MaxReturnUrlLength || !IsLocal(target))
        {
            // Only a path on this service: the sign-in must not become a redirect to anywhere (open redirect).
            throw InputException.Invalid("returnUrl", $"'{(target.Length > 80 ? target[..80] + "…" : target)}' is not a path on this service",
                "give a local path such as /?lang=zh-CN (starting with a single '/')");
        }

        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [OidcSignIn.SchemeName]);
    }

    /// <summary>A path on this host: one leading '/', not '//' or '/\' (which browsers read as another host), no control characters.</summary>
    private static bool IsLocal(string url) =>
        url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
