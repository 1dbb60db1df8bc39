using System.Security.Claims;
using Geo.Api.Accounts;
using Geo.Api.Hosting;
using Geo.Core.Accounts;
using Geo.Core.Analysis.Indicators;
using Microsoft.AspNetCore.Mvc;

namespace Geo.Api.Analysis;

/// <summary><c>GET /api/indicators</c> and <c>PUT /api/indicators/{id}/actuals</c>: the 附件1 indicators and their recorded actual values.</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/indicators").WithTags("主要指标 Indicators").WithAnalysisProblems();
        group.MapGet("/", ListAsync)
            .WithName("Indicators")
            .WithSummary("附件1 主要指标：目标值、单位、牵头单位、最新实际值及日期、达标状态（达标/未达标/无数据）")
            .WithDescription("None of the 15 indicators can be computed from this service's data; actual values are recorded. "
                + "'computed' lists figures our data do give (investment shares of 附件4), which are not 附件1 indicators. f=json|geojson|csv.")
            .ProducesResultFormats<IndicatorsResponse>();
        group.MapPut("/{id:long}/actuals", RecordAsync)
            .RequireAuthorization(AuthPolicies.Edit)
            .WithName("RecordIndicatorActual")
            .WithSummary("记录指标实际值（带日期；只追加，不覆盖以往数值；需编辑或管理员账户，记入审计）")
            .WithDescription("Body: {\"value\": number, \"asOf\": \"YYYY-MM-DD\", \"note\": optional text}. 201 with the recorded row.")
            .Accepts<ActualBody>("application/json")
            .Produces<IndicatorActual>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesBodyProblems();
        return app;
    }

    private static async Task<Results<JsonHttpResult<IndicatorsResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult>> ListAsync([FromQuery(Name = "f")] string? f, IndicatorReport report, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(f, htmlAllowed: false);
        var result = await report.RunAsync(cancellationToken);
        return format switch
        {
            ResultFormat.GeoJson => TypedResults.Json(
                new GeoJsonFeatureCollection(result.Indicators.Select(i => new GeoJsonFeature(i.Id, null, Row(i))).ToList()),
                AnalysisJson.Options, "application/geo+json"),
            ResultFormat.Csv => Csv(result),
            ResultFormat.Json => TypedResults.Json(new IndicatorsResponse(result.Indicators, result.Computed, result.ComputedAt, DataNote.Text), AnalysisJson.Options),
            ResultFormat.Html => throw ResultFormats.Unhandled(format),
            _ => throw ResultFormats.Unhandled(format),
        };
    }

    private static async Task<Created<IndicatorActual>> RecordAsync(
        long id, [FromBody] ActualBody? body, IndicatorReport report, IAuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body?.Value is not { } value)
        {
            throw InputException.Invalid("value", "send {\"value\": number, \"asOf\": \"YYYY-MM-DD\", \"note\": optional text}");
        }

        if (!DateOnly.TryParseExact(body.AsOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var asOf))
        {
            throw InputException.Invalid("asOf", "asOf must be the date the value refers to, as YYYY-MM-DD");
        }

        var recorded = await report.RecordAsync(new NewIndicatorActual(id, value, asOf, body.Note), new AuditOf<IndicatorActual>(audit, written =>
            new NewAuditEntry(AuthPolicies.Actor(user), AuditActions.IndicatorActualRecorded, "indicators", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                System.Text.Json.JsonSerializer.Serialize(new { written.Sequence, written.Value, asOf = body.AsOf, written.Note }, AnalysisJson.Options))),
            cancellationToken);
        return TypedResults.Created($"/api/indicators#{id}", recorded);
    }

    private static Dictionary<string, object?> Row(IndicatorRow i) => new()
    {
        ["name"] = i.Name,
        ["target_text"] = i.TargetText,
        ["target_value"] = i.TargetValue,
        ["unit"] = i.Unit,
        ["lead_unit"] = i.LeadUnit,
        ["latest_value"] = i.LatestValue,
        ["latest_as_of"] = i.LatestAsOf?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["recorded_values"] = i.RecordedValues,
        ["status"] = i.Status,
    };

    private static FileContentHttpResult Csv(IndicatorReportResult result)
    {
        var table = new CsvTable(["id", "name", "target_text", "target_value", "unit", "lead_unit", "latest_value", "latest_as_of", "recorded_values", "status"]);
        foreach (var i in result.Indicators)
        {
            table.Add([i.Id, .. Row(i).Values]);
        }

        var computed = new CsvTable(["key", "name", "part_wan", "total_wan", "value", "unit", "basis"]);
        foreach (var c in result.Computed)
        {
            computed.Add(c.Key, c.Name, c.PartWan, c.TotalWan, c.Value, c.Unit, c.Basis);
        }

        return CsvTable.Result("indicators.csv", table, computed);
    }
}

/// <summary>An actual value and the date it refers to (YYYY-MM-DD).</summary>
public sealed record ActualBody(double? Value = null, string? AsOf = null, string? Note = null);
