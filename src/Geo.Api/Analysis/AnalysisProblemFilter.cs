using Geo.Core.Analysis;

namespace Geo.Api.Analysis;

/// <summary>Turns an <see cref="AnalysisInputException"/> into problem+json: 404 for an unknown zone, township or feature, 400 for anything else wrong.</summary>
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
    }
}
