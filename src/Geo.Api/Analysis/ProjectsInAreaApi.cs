using Geo.Api.Hosting;
using Geo.Core.Formats;
using Microsoft.AspNetCore.Mvc;

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
                + "Polygon projects partly inside are apportioned by the share of their area inside. f=json|geojson|csv|html. "
                + "Or multipart/form-data with the file in field 'file' (报盘 TXT, zipped Shapefile, GeoPackage, GeoJSON or CSV; optional 'crs', 'encoding', 'from', "
                + "'bufferM', 'category', 'funding', 'leadUnit'): one result per 地块 or feature, f=json (ProjectsInAreaUploadResponse) or f=html (or Accept: text/html: one printable report, a summary row and a section per 地块); a feature with no part in "
                + "开州区 is answered empty with a warning; the upload limit is Uploads:MaxBytes (413 above it).")
            .Accepts<ProjectsInAreaBody>("application/json", "multipart/form-data")
            .DescribesUploadForm(null,
                ("bufferM", "buffer each feature by this many metres"), ("category", "project category"), ("funding", "funding source"), ("leadUnit", "lead unit"))
            .ProducesResultFormats<ProjectsInAreaResponse>(html: true)
            .AlsoProducesJson<ProjectsInAreaUploadResponse>("application/json")
            .ProducesBodyProblems(drawnGeometry: true);
        return app;
    }

    private static async Task<Results<JsonHttpResult<ProjectsInAreaResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult, ContentHttpResult, JsonHttpResult<ProjectsInAreaUploadResponse>>> RunAsync(
        HttpRequest http, [FromQuery(Name = "f")] string? f, [FromQuery(Name = "lang")] string? lang,
        ProjectsInArea analysis, UploadLimits limits, IFeatureStore store, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Negotiate(http, f, htmlAllowed: true);
        var text = ReportText.Of(ReportLanguages.Parse(lang));
        if (http.HasFormContentType)
        {
            return await RunUploadAsync(http, format, text, analysis, limits, store, cancellationToken);
        }

        var body = await AnalysisBody.ReadAsync<ProjectsInAreaBody>(http, "geometry, zoneId or townshipCode", cancellationToken);
        var result = await analysis.RunAsync(body.ToArea(), body.Filter, cancellationToken);
        return format switch
        {
            ResultFormat.GeoJson => TypedResults.Json(ProjectsInAreaExport.Features(result), AnalysisJson.Options, "application/geo+json"),
            ResultFormat.Csv => ProjectsInAreaExport.Csv(result),
            ResultFormat.Html => TypedResults.Content(ProjectsInAreaReport.Html(result, await ReportBackdrop.LoadAsync(store, cancellationToken), text), "text/html; charset=utf-8"),
            ResultFormat.Json => TypedResults.Json(ProjectsInAreaExport.Json(result), AnalysisJson.Options),
            _ => throw ResultFormats.Unhandled(format),
        };
    }

    /// <summary>
    /// One result per feature of the uploaded file (per 地块 of a 报盘 TXT), each feature the area as drawn: as JSON, or as
    /// one printable report of every 地块.
    /// </summary>
    private static async Task<Results<JsonHttpResult<ProjectsInAreaResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult, ContentHttpResult, JsonHttpResult<ProjectsInAreaUploadResponse>>> RunUploadAsync(
        HttpRequest http, ResultFormat format, ReportText text, ProjectsInArea analysis, UploadLimits limits, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (format is not (ResultFormat.Json or ResultFormat.Html))
        {
            throw InputException.Invalid("f", "an uploaded file is answered as f=json or f=html; draw the area for csv or geojson");
        }

        var form = await UploadedFile.ReadFormAsync(http, limits, cancellationToken);
        var filter = new ProjectFilter { Category = form.Field("category"), Funding = form.Field("funding"), LeadUnit = form.Field("leadUnit") };
        var bufferM = form.Number("bufferM");
        var layer = await form.ReadLayerAsync(limits, cancellationToken);
        var rows = new List<(ImportedFeature Feature, ProjectsInAreaResult Result)>(layer.Features.Count);
        foreach (var feature in layer.Features)
        {
            var area = new AreaRequest { Geometry = GeometryInput.Repaired(feature.Geometry, $"file row {feature.Row}"), BufferM = bufferM };
            rows.Add((feature, await analysis.RunAsync(area, filter, cancellationToken)));
        }

        var upload = new UploadedResults<ProjectsInAreaResult>(
            layer, rows, UploadWarnings.OutsideDistrictWordings(layer, rows.Where(r => !r.Result.Area.InsideDistrict).Select(r => r.Feature)), DateTimeOffset.UtcNow);
        if (format == ResultFormat.Html)
        {
            return TypedResults.Content(ProjectsInAreaUploadReport.Instance.Html(upload, await ReportBackdrop.LoadAsync(store, cancellationToken), text), "text/html; charset=utf-8");
        }

        return TypedResults.Json(
            new ProjectsInAreaUploadResponse(
                layer.File, layer.Format.ToString(), UploadCrs.Of(layer), layer.Encoding, layer.Repair,
                rows.Select(r => new ProjectsInAreaUploadRow(r.Feature.Row, r.Feature.Properties, ProjectsInAreaExport.Json(r.Result))),
                ComplianceResponse.ChineseNotes(upload.Warnings), upload.ComputedAt, DataNote.Text),
            AnalysisJson.Options);
    }
}

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
