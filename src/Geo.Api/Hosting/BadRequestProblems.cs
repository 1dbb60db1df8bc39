using Microsoft.AspNetCore.Diagnostics;

namespace Geo.Api.Hosting;

/// <summary>
/// A body or parameter the framework itself cannot read (malformed JSON, a wrong type) becomes a 400 problem+json
/// that says what was wrong, instead of a bare "Bad Request".
/// </summary>
internal static class BadRequestProblems
{
    public static IServiceCollection AddBadRequestProblems(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
            {
                context.ProblemDetails.Status = bad.StatusCode;
                context.ProblemDetails.Title = "The request could not be read";
                context.ProblemDetails.Detail = (bad.InnerException?.Message is { } inner ? $"{bad.Message} {inner}" : bad.Message)
                    + " Send JSON matching the endpoint's documented body (see /api-docs).";
            }
        });
    }

    /// <summary>Keeps the status a <see cref="BadHttpRequestException"/> carries (400, 413 …) instead of answering 500.</summary>
    public static IApplicationBuilder UseBadRequestProblems(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // The client's mistake, not ours: the request log's one warning line says it, without an error and a stack trace.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
}
