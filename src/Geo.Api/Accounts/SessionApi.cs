using System.Security.Claims;
using Geo.Api.Accounts.Internal;
using Geo.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Accounts;

/// <summary>
/// <c>/api/session</c>: sign in (POST, sets the session cookie), who am I (GET), sign out (DELETE), and personal tokens
/// for API clients (POST /api/session/tokens). Failed sign-ins are throttled and logged with the name and address,
/// never the password; each attempt goes to the audit trail.
/// </summary>
public static partial class SessionApi
{
    public const string Path = "/api/session";

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("账户 Accounts");
        group.MapPost("/", SignInAsync)
            .AllowAnonymous()
            .WithName("SignIn")
            .WithSummary("登录：用户名和密码，成功后设置会话 Cookie，返回账户、角色和防伪令牌（写操作时放在 X-CSRF-TOKEN 头）")
            .Accepts<SignInBody>("application/json")
            .Produces<SessionAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/", Current)
            .AllowAnonymous()
            .WithName("CurrentSession")
            .WithSummary("当前登录的账户和角色，以及写操作要带的防伪令牌；未登录时 401")
            .Produces<SessionAnswer>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapDelete("/", (Func<HttpContext, Task<NoContent>>)SignOutAsync)
            .AllowAnonymous()
            .WithName("SignOut")
            .WithSummary("退出登录（结束会话 Cookie；带 X-CSRF-TOKEN）")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/tokens", CreateTokenAsync)
            .RequireAuthorization()
            .WithName("CreatePersonalToken")
            .WithSummary("为当前账户生成个人访问令牌（Authorization: Bearer …），只显示这一次")
            .Accepts<TokenBody>("application/json")
            .Produces<TokenAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapOidcSignIn();
        return app;
    }

    private static async Task<Results<Ok<SessionAnswer>, ProblemResult>> SignInAsync(
        [FromBody] SignInBody? body, HttpContext context, AccountService accounts, LoginThrottle throttle, IAntiforgery antiforgery, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.Name) || string.IsNullOrEmpty(body.Password))
        {
            throw InputException.Invalid("body", "send {\"name\": \"account\", \"password\": \"…\"}");
        }

        if (body.Name.Length > AccountNames.MaxLength || body.Password.Length > AccountService.MaxPasswordLength)
        {
            throw InputException.TooLarge("body", "the name or the password is too long", $"{AccountNames.MaxLength} / {AccountService.MaxPasswordLength} characters");
        }

        var logger = loggers.CreateLogger(typeof(SessionApi).FullName!);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var key = LoginThrottle.Key(context, body.Name);
        if (!throttle.MayTry(key))
        {
            LogThrottled(logger, body.Name, address);
            context.Response.Headers.RetryAfter = ((int)throttle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ProblemResult(StatusCodes.Status429TooManyRequests);
        }

        if (await accounts.SignInAsync(body.Name, body.Password, address, cancellationToken) is not { } account)
        {
            throttle.Failed(key);
            LogFailed(logger, body.Name, address);
            return new ProblemResult(StatusCodes.Status401Unauthorized, "the name or the password is wrong, or the account is disabled");
        }

        LogSignedIn(logger, account.Name, address);
        var principal = AccountClaims.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // The anti-forgery token is tied to the user: make it for the account just signed in, not for the anonymous request.
        context.User = principal;
        return TypedResults.Ok(Answer(principal, antiforgery, context));
    }

    private static Results<Ok<SessionAnswer>, ProblemResult> Current(HttpContext context, IAntiforgery antiforgery) =>
        AuthPolicies.Actor(context.User) is null
            ? new ProblemResult(StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(Answer(context.User, antiforgery, context));

    private static async Task<NoContent> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Created<TokenAnswer>> CreateTokenAsync([FromBody] TokenBody? body, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken)
    {
        var name = AuthPolicies.Actor(user)!;
        try
        {
            var token = await accounts.CreateTokenAsync(name, body?.Label, name, cancellationToken);
            return TypedResults.Created(Path, new TokenAnswer(token, string.IsNullOrWhiteSpace(body?.Label) ? "token" : body.Label.Trim()));
        }
        catch (AccountException e)
        {
            throw InputException.Invalid("label", e.Message, e);
        }
    }

    private static SessionAnswer Answer(ClaimsPrincipal user, IAntiforgery antiforgery, HttpContext context) =>
        // Every account's cookie and token carry a role; one without a known role is shown the least it could be.
        new(user.Identity!.Name!, Roles.TryParse(user.FindFirst(ClaimTypes.Role)?.Value, out var role) ? role : Role.Viewer,
            antiforgery.GetAndStoreTokens(context).RequestToken!);

    [LoggerMessage(EventId = 20, EventName = "SignInFailed", Level = LogLevel.Warning, Message = "Sign-in failed for {Account} from {Address}")]
    private static partial void LogFailed(ILogger logger, string account, string address);

    [LoggerMessage(EventId = 21, EventName = "SignInThrottled", Level = LogLevel.Warning, Message = "Sign-in refused for {Account} from {Address}: too many failures")]
    private static partial void LogThrottled(ILogger logger, string account, string address);

    [LoggerMessage(EventId = 22, EventName = "SignedIn", Level = LogLevel.Information, Message = "Signed in {Account} from {Address}")]
    private static partial void LogSignedIn(ILogger logger, string account, string address);

    /// <summary>Writes an authentication problem as an endpoint result.</summary>
    private sealed class ProblemResult(int status, string? detail = null) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => AuthProblems.WriteAsync(httpContext, status, detail);
    }
}

/// <summary>A sign-in: account name and password.</summary>
public sealed record SignInBody(string? Name, string? Password);

/// <summary>The signed-in account, its role, and the token to send in X-CSRF-TOKEN with each write.</summary>
public sealed record SessionAnswer(string Name, Role Role, string AntiforgeryToken);

/// <summary>What a new personal token is for.</summary>
public sealed record TokenBody(string? Label);

/// <summary>A new personal token, shown only this once.</summary>
public sealed record TokenAnswer(string Token, string Label);
