using Microsoft.AspNetCore.Diagnostics;
using System.Diagnostics;

namespace Geo.Api.Hosting;

/// <summary>
/// One structured log line per request, written when the answer is complete: method, route template (never the
/// query string, which may carry keys), status, duration and the user when one is signed in. Bodies are never
/// logged. 4xx answers are the client's mistake: one Warning line, no stack trace; 5xx are Error.
/// </summary>
public static partial class RequestLogging
{
    /// <summary>The log category, so operators can route or filter request lines on their own.</summary>
    public const string Category = "Geo.Api.Requests";

    /// <summary>Status logged when the client went away before the answer was complete (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var failed = false;
            try
            {
                await next(context);
            }
            catch
            {
                failed = true;
                throw;
            }
            finally
            {
                var status = context.RequestAborted.IsCancellationRequested ? ClientClosedRequest
                    : failed ? StatusCodes.Status500InternalServerError
                    : context.Response.StatusCode;
                // The exception handler clears the endpoint before it writes the problem; it keeps the original in its feature.
                var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
                var route = endpoint is RouteEndpoint { RoutePattern.RawText: { } template } ? "/" + template.TrimStart('/') : context.Request.Path.Value ?? "/";
                var level = status >= 500 && status != ClientClosedRequest ? LogLevel.Error : status >= 400 ? LogLevel.Warning : LogLevel.Information;
                var elapsed = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
                if (context.User.Identity is { IsAuthenticated: true, Name: { } user })
                {
                    LogUserRequest(logger, level, context.Request.Method, route, status, elapsed, user);
                }
                else
                {
                    LogRequest(logger, level, context.Request.Method, route, status, elapsed);
                }
            }
        });
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Message = "HTTP {Method} {Route} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string route, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "UserRequest", Message = "HTTP {Method} {Route} answered {StatusCode} in {ElapsedMilliseconds} ms for {User}")]
    private static partial void LogUserRequest(ILogger logger, LogLevel level, string method, string route, int statusCode, double elapsedMilliseconds, string user);
}
