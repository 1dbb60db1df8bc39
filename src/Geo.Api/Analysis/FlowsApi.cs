using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Analysis;

/// <summary><c>GET /api/flows/summary</c>: 搬迁流向汇总 and resettlement capacity.</summary>
public static class FlowsApi
{
    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/flows").WithTags("搬迁流向 Relocation flows").WithAnalysisProblems()
            .MapGet("/summary", SummaryAsync)
            .WithName("FlowSummary")
            .WithSummary("搬迁流向汇总：按迁出地、安置区、年份或搬迁原因统计户数和人数；各安置区迁入户数与安置容量对比")
            .WithDescription("group_by=origin|destination|year|reason (default destination). Resettlement areas over capacity carry a warning. f=json|geojson|csv.")
            .ProducesResultFormats<FlowSummaryResponse>();
        return app;
    }

    private static async Task<Results<JsonHttpResult<FlowSummaryResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult>> SummaryAsync([AsParameters] FlowSummaryRequest request, FlowSummary analysis, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(request.F, htmlAllowed: false);
        var result = await analysis.RunAsync(request.GroupBy ?? "destination", cancellationToken);
        return format switch
        {
            ResultFormat.GeoJson => TypedResults.Json(Features(result), AnalysisJson.Options, "application/geo+json"),
            ResultFormat.Csv => Csv(result),
            ResultFormat.Json => TypedResults.Json(new FlowSummaryResponse(
                result.GroupBy, result.Groups, result.TotalHouseholds, result.TotalPersons,
                result.ResettlementAreas.Select(a => new ResettlementAreaInflow(
                    a.ZoneId, a.Name, a.CapacityHouseholds, a.InflowHouseholds, a.InflowPersons, a.Flows, a.Utilisation, a.OverCapacity, a.Warning)),
                result.ComputedAt, DataNote.Text), AnalysisJson.Options),
            ResultFormat.Html => throw ResultFormats.Unhandled(format),
            _ => throw ResultFormats.Unhandled(format),
        };
    }

    private static GeoJsonFeatureCollection Features(FlowSummaryResult result) =>
        new(result.ResettlementAreas.Select(a => new GeoJsonFeature(a.ZoneId, a.Geometry, new Dictionary<string, object?>
        {
            ["name"] = a.Name,
            ["capacity_households"] = a.CapacityHouseholds,
            ["inflow_households"] = a.InflowHouseholds,
            ["inflow_persons"] = a.InflowPersons,
            ["flows"] = a.Flows,
            ["utilisation"] = a.Utilisation,
            ["over_capacity"] = a.OverCapacity,
            ["warning"] = a.Warning,
            ["illustrative"] = true,
        })).ToList());

    private static FileContentHttpResult Csv(FlowSummaryResult result)
    {
        var groups = new CsvTable(["group_by", "key", "label", "flows", "households", "persons"]);
        foreach (var g in result.Groups)
        {
            groups.Add(result.GroupBy, g.Key, g.Label, g.Flows, g.Households, g.Persons);
        }

        groups.Add(result.GroupBy, string.Empty, "合计", result.Groups.Sum(g => g.Flows), result.TotalHouseholds, result.TotalPersons);
        var areas = new CsvTable(["zone_id", "name", "capacity_households", "inflow_households", "inflow_persons", "utilisation", "over_capacity", "warning"]);
        foreach (var a in result.ResettlementAreas)
        {
            areas.Add(a.ZoneId, a.Name, a.CapacityHouseholds, a.InflowHouseholds, a.InflowPersons, a.Utilisation, a.OverCapacity, a.Warning);
        }

        return CsvTable.Result("flow-summary.csv", groups, areas, new CsvTable(["note"]).Add(DataNote.Text));
    }
}

public sealed record FlowSummaryRequest([FromQuery(Name = "group_by")] string? GroupBy, [FromQuery(Name = "f")] string? F);
