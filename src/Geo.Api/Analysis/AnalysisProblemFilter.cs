using Geo.Core.Analysis;
using Geo.Core.Formats;

namespace Geo.Api.Analysis;

/// <summary>Turns an <see cref="AnalysisInputException"/> or an unreadable uploaded file (<see cref="FileInputException"/>) into problem+json: 404 for an unknown zone, township or feature, 400 for anything else wrong.</summary>
internal sealed class AnalysisProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AnalysisInputException e)
        {
            var notFound = e.Problem == InputProblem.NotFound;
            return TypedResults.Problem(
                title: notFound ? "Not found" : $"Invalid input '{e.Parameter}'",
                detail: e.Message,
                statusCode: notFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["parameter"] = e.Parameter });
        }
        catch (FileInputException e)
        {
            // "parameter" is the request field to change: the file itself, or crs/encoding when those decide.
            return TypedResults.Problem(
                title: "Invalid file",
                detail: e.Message,
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?>
                {
                    ["parameter"] = e.Field is "crs" or "encoding" or "from" ? e.Field : "file",
                    ["file"] = e.File,
                    ["row"] = e.Row,
                    ["field"] = e.Field,
                });
        }
    }
}
