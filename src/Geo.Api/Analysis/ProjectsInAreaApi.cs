using System.Text.Json;
using Geo.Api.Hosting;
using Geo.Core;
using Geo.Core.Analysis;
using Geo.Core.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Geo.Api.Analysis;

/// <summary><c>POST /api/analysis/projects-in-area</c>: 范围内项目统计.</summary>
public static class ProjectsInAreaApi
{
    public static IEndpointRouteBuilder MapProjectsInAreaApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/analysis").WithTags("规划分析 Planning analysis").WithAnalysisProblems()
            .MapPost("/projects-in-area", RunAsync)
            .WithName("ProjectsInArea")
            .WithSummary("范围内项目：某一范围（绘制图形、片区或乡镇驻地缓冲区）内的重大项目及汇总")
            .WithDescription("The area is a GeoJSON geometry (optional crs: EPSG:4490/CRS84 lon/lat or EPSG:4545 metres), a zone id or a township code, "
                + "optionally buffered by bufferM metres. Filters: category, funding, yearFrom/yearTo, leadUnit, min/maxInvestmentWan. "
                + "Polygon projects partly inside are apportioned by the share of their area inside. f=json|geojson|csv|html.")
            .Accepts<ProjectsInAreaBody>("application/json")
            .ProducesResultFormats<ProjectsInAreaResponse>(html: true)
            .ProducesBodyProblems(drawnGeometry: true);
        return app;
    }

    private static async Task<Results<JsonHttpResult<ProjectsInAreaResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult, ContentHttpResult>> RunAsync([AsParameters] ProjectsInAreaRequest request, ProjectsInArea analysis, IFeatureStore store, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(request.F, htmlAllowed: true);
        var body = request.Body ?? throw InputException.Invalid("body", "send a JSON body with geometry, zoneId or townshipCode");
        var result = await analysis.RunAsync(body.ToArea(), body.Filter, cancellationToken);
        return format switch
        {
            ResultFormat.GeoJson => TypedResults.Json(ProjectsInAreaExport.Features(result), AnalysisJson.Options, "application/geo+json"),
            ResultFormat.Csv => ProjectsInAreaExport.Csv(result),
            ResultFormat.Html => TypedResults.Content(ProjectsInAreaReport.Html(result, await ReportBackdrop.LoadAsync(store, cancellationToken)), "text/html; charset=utf-8"),
            ResultFormat.Json => TypedResults.Json(ProjectsInAreaExport.Json(result), AnalysisJson.Options),
            _ => throw ResultFormats.Unhandled(format),
        };
    }
}

public sealed record ProjectsInAreaRequest([FromBody] ProjectsInAreaBody? Body, [FromQuery(Name = "f")] string? F);

/// <summary>The area (one of geometry, zoneId, townshipCode; optional bufferM) and the optional project filters.</summary>
public sealed record ProjectsInAreaBody(
    [property: Hosting.GeoJsonGeometry] JsonElement? Geometry = null, JsonElement? Crs = null, long? ZoneId = null, string? TownshipCode = null, double? BufferM = null,
    string? Category = null, string? Funding = null, int? YearFrom = null, int? YearTo = null, string? LeadUnit = null,
    double? MinInvestmentWan = null, double? MaxInvestmentWan = null)
{
    internal AreaRequest ToArea() => new()
    {
        Geometry = DrawnGeometry.ReadOptional(Geometry, Crs), ZoneId = ZoneId, TownshipCode = TownshipCode, BufferM = BufferM,
    };

    internal ProjectFilter Filter => new()
    {
        Category = Category, Funding = Funding, YearFrom = YearFrom, YearTo = YearTo, LeadUnit = LeadUnit,
        MinInvestmentWan = MinInvestmentWan, MaxInvestmentWan = MaxInvestmentWan,
    };
}
