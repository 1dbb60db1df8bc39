using Microsoft.AspNetCore.Diagnostics;

namespace Geo.Api.Hosting;

/// <summary>
/// A data request while the embedded store is still loading is answered at once, never held: 503 problem+json with
/// <c>Retry-After</c>, the load's progress in the detail. Metadata that needs no data (landing page, conformance,
/// OpenAPI, the viewer and its config, health) answers meanwhile.
/// </summary>
public static partial class StoreNotReady
{
    public static IServiceCollection AddStoreNotReadyProblems(this IServiceCollection services) =>
        services.AddExceptionHandler<StoreNotReadyHandler>();

    private sealed partial class StoreNotReadyHandler(IProblemDetailsService problems, ILogger<StoreNotReadyHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not StoreNotReadyException notReady)
            {
                return false;
            }

            LogNotReady(logger, httpContext.Request.Method, httpContext.Request.Path, notReady.Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            if (notReady.RetryAfterSeconds is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = notReady.RetryAfterSeconds is null ? "The data could not be loaded" : "The data is still loading",
                    Detail = notReady.Message,
                },
            }).ConfigureAwait(false);
        }

        [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Store not ready for {Method} {Path}: {Reason}")]
        private static partial void LogNotReady(ILogger logger, string method, string path, string reason);
    }
}
