using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Geo.Api.Hosting;

/// <summary>
/// Bounds on every request (body, URL, headers, time) and problem+json for every refusal, including the answers
/// the framework gives by itself (404 unknown route, 405, 415): see <see cref="RequestLimitsOptions"/> and <see cref="InputProblems"/>.
/// </summary>
internal static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = limits.Value.MaxUrlBytes * RequestLimitsOptions.KestrelCeilingFactor;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxHeaderBytes * RequestLimitsOptions.KestrelCeilingFactor;
        });
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitsOptions>>((timeouts, limits) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(limits.Value.RequestTimeoutSeconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The request took too long",
                    $"the service stopped the request after {limits.Value.RequestTimeoutSeconds} s; narrow it (a smaller area, a filter, a lower limit) or try again later",
                    $"{limits.Value.RequestTimeoutSeconds} s (Limits:RequestTimeoutSeconds)"),
            });
        services.AddRequestTimeouts();

        // The framework's own binding errors (malformed JSON, a wrong type) are thrown, so that InputProblems says what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<InputProblems>();
        // What a handler answered (bad input, the database down) is the request log's one line, not also an error with a stack trace.
        services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = c => c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService);
        return services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.Exception is not null || context.ProblemDetails.Detail is not null)
            {
                return;
            }

            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
            {
                // Minimal API body binding sets 413 without throwing when Kestrel refuses the body.
                var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
                context.ProblemDetails.Detail = limits.BodyTooLarge;
                context.ProblemDetails.Extensions["parameter"] = "body";
                context.ProblemDetails.Extensions["limit"] = limits.BodyLimit;
                return;
            }

            context.ProblemDetails.Detail = FrameworkDetail(context.HttpContext.Request, context.ProblemDetails.Status);
        });
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        // Geo.Core checks geometries wherever they are read (bodies, filter literals, uploads) against this one number.
        Geo.Core.InputLimits.SetMaxVertices(app.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxVertices);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseOversizedAsync);
        return app.UseRequestTimeouts();
    }

    /// <summary>Documents the refusals of a route that takes a body: 413 over a limit, and 422 for a drawn geometry it cannot analyse.</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder builder, bool drawnGeometry = false)
    {
        builder.ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return drawnGeometry ? builder.ProducesProblem(StatusCodes.Status422UnprocessableEntity) : builder;
    }

    /// <summary>What a status the framework set by itself means for the client, so that its problem+json is not only a title.</summary>
    private static string? FrameworkDetail(HttpRequest request, int? status) => status switch
    {
        StatusCodes.Status404NotFound => $"nothing is served at '{request.Path}'; the OGC API starts at /ogcapi, the analyses at /api/analysis, and /api-docs lists every route",
        StatusCodes.Status405MethodNotAllowed => $"'{request.Path}' does not take {request.Method}; /api-docs lists the methods of every route",
        StatusCodes.Status415UnsupportedMediaType => request.Path.StartsWithSegments("/api/analysis", StringComparison.Ordinal)
            ? "send the body as JSON with Content-Type: application/json, or a file as multipart/form-data in field 'file'"
            : "send the body as JSON with Content-Type: application/json; /api-docs lists the media types of every route",
        _ => null,
    };

    private static Task RefuseOversizedAsync(HttpContext context, Func<Task> next)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{context.Request.Path}{context.Request.QueryString}";
        if (target.Length > limits.MaxUrlBytes)
        {
            return WriteAsync(context, StatusCodes.Status414UriTooLong, "The URL is too long",
                $"the path and query are {target.Length} bytes; send a long filter or geometry in the body of POST /ogcapi/collections/{{collectionId}}/search",
                $"{limits.MaxUrlBytes} bytes (Limits:MaxUrlBytes)");
        }

        var headerBytes = context.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0));
        if (headerBytes > limits.MaxHeaderBytes)
        {
            return WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large",
                $"the headers are {headerBytes} bytes together; send fewer or shorter headers (cookies included)",
                $"{limits.MaxHeaderBytes} bytes (Limits:MaxHeaderBytes)");
        }

        return next();
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string detail, string limit)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["limit"] = limit } };
        if (status == StatusCodes.Status431RequestHeaderFieldsTooLarge)
        {
            // The framework's table of problem types has no entry for 431, which RFC 6585 defines.
            problem.Type = "https://tools.ietf.org/html/rfc6585#section-5";
        }

        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
