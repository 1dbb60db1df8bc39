using Geo.Core.Analysis.Indicators;

namespace Geo.Api.Analysis;

/// <summary>The analyses, written once over <see cref="ISpatialAnalysis"/> and the store (registered by the backend, Backends/).</summary>
public static class AnalysisServices
{
    public static IServiceCollection AddPlanningAnalyses(this IServiceCollection services)
    {
        services.AddSingleton(sp => UploadLimits.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ProjectsInArea>();
        services.AddSingleton<Overlay>();
        services.AddSingleton<Compliance>();
        services.AddSingleton<ConstraintConflicts>();
        services.AddSingleton<FlowSummary>();
        services.AddSingleton<LivingCircle>();
        services.AddSingleton<IndicatorReport>();
        return services;
    }

    /// <summary>Every analysis route answers bad input with problem+json (written by Hosting/InputProblems).</summary>
    internal static RouteGroupBuilder WithAnalysisProblems(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
