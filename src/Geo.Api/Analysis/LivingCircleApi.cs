using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Analysis;

/// <summary><c>GET /api/analysis/living-circle</c>: 一刻钟便民生活圈 coverage of the resettlement areas.</summary>
public static class LivingCircleApi
{
    public static IEndpointRouteBuilder MapLivingCircleApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/analysis").WithTags("规划分析 Planning analysis").WithAnalysisProblems()
            .MapGet("/living-circle", RunAsync)
            .WithName("LivingCircle")
            .WithSummary("一刻钟便民生活圈：安置区一定距离内的学校、医疗、市场、养老、托育、公园覆盖情况和缺口")
            .WithDescription("zone (optional; default every resettlement area), distance_m (default 1000). By road with pgRouting when a roads "
                + "layer is loaded in PostGIS, otherwise a straight line in EPSG:4545 from the area's boundary; 'method' says which. f=json|geojson|csv.")
            .ProducesResultFormats<LivingCircleResponse>();
        return app;
    }

    private static async Task<Results<JsonHttpResult<LivingCircleResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult>> RunAsync([AsParameters] LivingCircleRequest request, LivingCircle analysis, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(request.F, htmlAllowed: false);
        var result = await analysis.RunAsync(request.Zone, request.DistanceM, cancellationToken);
        return format switch
        {
            ResultFormat.GeoJson => TypedResults.Json(Features(result), AnalysisJson.Options, "application/geo+json"),
            ResultFormat.Csv => Csv(result),
            ResultFormat.Json => TypedResults.Json(new LivingCircleResponse(
                result.DistanceMetres, result.Method,
                result.Areas.Select(a => new LivingCircleAreaCoverage(a.ZoneId, a.Name, a.Needs, a.Gaps, a.MissingFacilityKinds)),
                result.Coverage, result.ComputedAt, DataNote.Text), AnalysisJson.Options),
            ResultFormat.Html => throw ResultFormats.Unhandled(format),
            _ => throw ResultFormats.Unhandled(format),
        };
    }

    private static GeoJsonFeatureCollection Features(LivingCircleResult result) =>
        new(result.Areas.Select(a =>
        {
            var properties = new Dictionary<string, object?> { ["name"] = a.Name, ["distance_m"] = result.DistanceMetres, ["gaps"] = string.Join("、", a.Gaps), ["missing_facility_kinds"] = string.Join("、", a.MissingFacilityKinds) };
            foreach (var need in a.Needs)
            {
                properties[need.Need] = need.Facilities.Count;
            }

            properties["method"] = result.Method;
            properties["illustrative"] = true;
            return new GeoJsonFeature(a.ZoneId, a.Geometry, properties);
        }).ToList());

    private static FileContentHttpResult Csv(LivingCircleResult result)
    {
        var table = new CsvTable(["zone_id", "zone_name", "need", "label", "covered", "facilities", "nearest", "nearest_distance_m"]);
        foreach (var a in result.Areas)
        {
            foreach (var n in a.Needs)
            {
                var nearest = n.Facilities.Count > 0 ? n.Facilities[0] : null;
                table.Add(a.ZoneId, a.Name, n.Need, n.Label, n.Covered, n.Facilities.Count, nearest?.Name, nearest?.DistanceMetres);
            }
        }

        return CsvTable.Result("living-circle.csv", table, new CsvTable(["note"]).Add(result.Method).Add(DataNote.Text));
    }
}

public sealed record LivingCircleRequest(
    [FromQuery(Name = "zone")] long? Zone, [FromQuery(Name = "distance_m")] double? DistanceM, [FromQuery(Name = "f")] string? F);
