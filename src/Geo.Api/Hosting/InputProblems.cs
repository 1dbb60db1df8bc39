using Geo.Core.Filters;
using Geo.Core.Formats;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Geo.Api.Hosting;

/// <summary>
/// The one path from an input error to problem+json: <see cref="InputException"/> (400, 404, 413, 422),
/// <see cref="FilterException"/> (400, parameter <c>filter</c>), a body or parameter the framework cannot read
/// (<see cref="BadHttpRequestException"/>: 400, 413 …), an unreadable uploaded file (<see cref="FileInputException"/>: 400 naming file, row and field), and PostgreSQL's <c>statement_timeout</c> (503: the server's
/// own limit, not the client's fault). Anything else stays a 500: a bug, not bad input.
/// </summary>
internal sealed class InputProblems(IProblemDetailsService problems, IOptions<RequestLimitsOptions> limits) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Describe(exception, httpContext.RequestAborted) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private ProblemDetails? Describe(Exception exception, CancellationToken requestAborted) => exception switch
    {
        InputException e => Problem(e.Problem switch
        {
            InputProblem.Invalid => (StatusCodes.Status400BadRequest, $"Invalid parameter '{e.Parameter}'"),
            InputProblem.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            InputProblem.TooLarge => (StatusCodes.Status413PayloadTooLarge, $"'{e.Parameter}' is over a limit"),
            InputProblem.Unprocessable => (StatusCodes.Status422UnprocessableEntity, $"'{e.Parameter}' cannot be processed"),
            _ => throw new System.Diagnostics.UnreachableException($"input problem {e.Problem} has no status"),
        }, e.Message, e.Parameter, e.Limit),
        // "parameter" is the request field to change: the file itself, or crs/encoding/from (or an import's mapping/set) when those decide.
        FileInputException e => Problem((StatusCodes.Status400BadRequest, "Invalid file"), e.Message,
            e.Field is "crs" or "encoding" or "from" or "mapping" or "set" ? e.Field : "file", null, new() { ["file"] = e.File, ["row"] = e.Row, ["field"] = e.Field }),
        FilterException e => Problem((StatusCodes.Status400BadRequest, "Invalid parameter 'filter'"),
            $"{e.Message}; see the collection's queryables and the CQL2 standard (OGC 21-065)", "filter", null),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem((StatusCodes.Status413PayloadTooLarge, "The request body is too large"),
            limits.Value.BodyTooLarge, "body", limits.Value.BodyLimit),
        BadHttpRequestException e => Problem((e.StatusCode, "The request could not be read"),
            (e.InnerException?.Message is { } inner ? $"{e.Message} {inner}" : e.Message) + " Send JSON matching the endpoint's documented body (see /api-docs).",
            "body", null),
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } when !requestAborted.IsCancellationRequested =>
            Problem((StatusCodes.Status503ServiceUnavailable, "The database query took too long"),
                "the query ran into the database's statement_timeout; narrow the request (a smaller area, a filter, a lower limit) or try again later",
                null, "Database:StatementTimeoutSeconds"),
        _ => null,
    };

    private static ProblemDetails Problem((int Status, string Title) kind, string detail, string? parameter, string? limit,
        Dictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = kind.Status, Title = kind.Title, Detail = detail, Extensions = extensions ?? [] };
        if (parameter is not null)
        {
            problem.Extensions["parameter"] = parameter;
        }

        if (limit is not null)
        {
            problem.Extensions["limit"] = limit;
        }

        return problem;
    }
}
