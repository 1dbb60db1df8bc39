using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Accounts.Internal;

/// <summary>401, 403 and 429 as problem+json saying what to do, instead of a login-page redirect an API client cannot follow.</summary>
internal static class AuthProblems
{
    public static Task WriteAsync(HttpContext context, int status, string? detail = null)
    {
        var (title, fix) = status switch
        {
            StatusCodes.Status401Unauthorized => ("Sign-in required",
                "this needs an account: sign in with POST /api/session, or send Authorization: Bearer <personal token> (an admin issues one with `users token NAME`)"),
            StatusCodes.Status403Forbidden => ("Not allowed for this account's role",
                "writes need an editor (or admin) account, and users and the audit trail an admin; ask an admin for the role"),
            StatusCodes.Status429TooManyRequests => ("Too many failed sign-ins", "wait and try again later, or ask an admin to set a new password"),
            StatusCodes.Status400BadRequest => ("Anti-forgery token missing or invalid",
                "a write in a signed-in browser session must send the X-CSRF-TOKEN header with the token from GET /api/session"),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an authentication answer"),
        };
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail ?? fix },
        }).AsTask();
    }
}
