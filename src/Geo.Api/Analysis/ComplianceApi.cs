using Geo.Api.Hosting;
using Microsoft.AspNetCore.Mvc;
using ComplianceAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Geo.Api.Analysis.ComplianceResponse>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Geo.Api.Analysis.GeoJsonFeatureCollection>,
    Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult>;

namespace Geo.Api.Analysis;

/// <summary><c>GET /api/analysis/compliance/{collection}/{id}</c> (合规性审查) and <c>GET /api/analysis/constraint-conflicts</c> (三线冲突).</summary>
public static class ComplianceApi
{
    public static IEndpointRouteBuilder MapComplianceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analysis").WithTags("规划分析 Planning analysis").WithAnalysisProblems();
        group.MapGet("/compliance/{collection}/{id:long}", CheckAsync)
            .WithName("Compliance")
            .WithSummary("合规性审查：要素与永久基本农田、生态保护红线、城镇开发边界、地质灾害隐患区的冲突及面积")
            .WithDescription("Overlap with 永久基本农田 or 生态保护红线 and the part outside 城镇开发边界 are conflicts; overlap with 地质灾害隐患区 is a warning. "
                + "Verdict 合规 / 存在冲突 / 需关注. f=json|geojson|csv|html.")
            .ProducesResultFormats<ComplianceResponse>(html: true);
        group.MapPost("/compliance", CheckDrawnAsync)
            .WithName("ComplianceOfDrawnSite")
            .WithSummary("合规性审查（绘制图形）：拟建项目用地范围与三线及地质灾害隐患区的冲突及面积")
            .WithDescription("Body: {\"geometry\": GeoJSON geometry, \"crs\": optional}. Same rules and formats as the stored-feature check; "
                + "a site wholly outside 开州区 is not reviewed: no findings, verdict 不在开州区内 and a note. "
                + "Or multipart/form-data with the file in field 'file' (报盘 TXT, zipped Shapefile, GeoPackage, GeoJSON or CSV) and optional fields "
                + "'crs' (EPSG:4490, 4513–4554, 4326, 3857), 'encoding' (gbk, utf-8) and 'from' (gcj02, bd09): one result per 地块 or feature, f=json "
                + "(ComplianceUploadResponse), or f=html (or Accept: text/html) for one printable report with a summary row and a section per 地块; the upload limit is Uploads:MaxBytes (413 above it).")
            // Both content types must be accepted here or routing answers 415; UploadFormSchema describes the form.
            .Accepts<DrawnSiteBody>("application/json", "multipart/form-data")
            .DescribesUploadForm()
            .ProducesResultFormats<ComplianceResponse>(html: true)
            .AlsoProducesJson<ComplianceUploadResponse>("application/json")
            .ProducesBodyProblems(drawnGeometry: true);
        group.MapGet("/constraint-conflicts", ConflictsAsync)
            .WithName("ConstraintConflicts")
            .WithSummary("三线冲突：永久基本农田、生态保护红线、城镇开发边界相互重叠之处及面积")
            .WithDescription("Each overlap of two control lines of different kinds, with its area (EPSG:4545). f=json|geojson|csv.")
            .ProducesResultFormats<ConstraintConflictsResponse>();
        return app;
    }

    private static async Task<ComplianceAnswer> CheckAsync([AsParameters] ComplianceRequest request, Compliance analysis, IFeatureStore store, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(request.F, htmlAllowed: true);
        var text = ReportText.Of(ReportLanguages.Parse(request.Lang));
        return await AnswerAsync(await analysis.RunAsync(request.Collection, request.Id, cancellationToken), format, text, store, cancellationToken);
    }

    private static async Task<Results<ComplianceAnswer, JsonHttpResult<ComplianceUploadResponse>>> CheckDrawnAsync(
        HttpRequest http, [FromQuery(Name = "f")] string? f, [FromQuery(Name = "lang")] string? lang,
        Compliance analysis, UploadLimits limits, IFeatureStore store, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Negotiate(http, f, htmlAllowed: true);
        var text = ReportText.Of(ReportLanguages.Parse(lang));
        if (http.HasFormContentType)
        {
            return await CheckUploadAsync(http, format, text, analysis, limits, store, cancellationToken);
        }

        var body = await AnalysisBody.ReadAsync<DrawnSiteBody>(http, "the site's GeoJSON geometry {\"geometry\": …}", cancellationToken);
        if (body.Geometry is not { } geometry)
        {
            throw InputException.Invalid("geometry", "send a JSON body with the site's GeoJSON geometry");
        }

        return await AnswerAsync(await analysis.RunAsync(DrawnGeometry.Read(geometry, body.Crs), cancellationToken), format, text, store, cancellationToken);
    }

    /// <summary>
    /// One result per feature of the uploaded file (per 地块 of a 报盘 TXT), with the file's CRS and any repairs stated:
    /// as JSON, or as one printable report of every 地块.
    /// </summary>
    private static async Task<Results<ComplianceAnswer, JsonHttpResult<ComplianceUploadResponse>>> CheckUploadAsync(
        HttpRequest http, ResultFormat format, ReportText text, Compliance analysis, UploadLimits limits, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (format is not (ResultFormat.Json or ResultFormat.Html))
        {
            throw InputException.Invalid("f", "an uploaded file is answered as f=json or f=html; draw or store the site for csv or geojson");
        }

        var layer = await UploadedFile.ReadAsync(http, limits, cancellationToken);
        var results = await analysis.RunAsync(layer, cancellationToken);
        var upload = new UploadedResults<ComplianceResult>(
            layer, results, UploadWarnings.OutsideDistrictWordings(layer, results.Where(r => r.Result.Verdict == Compliance.OutsideDistrict).Select(r => r.Feature)), DateTimeOffset.UtcNow);
        if (format == ResultFormat.Html)
        {
            return (ComplianceAnswer)TypedResults.Content(ComplianceUploadReport.Instance.Html(upload, await ReportBackdrop.LoadAsync(store, cancellationToken), text), "text/html; charset=utf-8");
        }

        return TypedResults.Json(
            new ComplianceUploadResponse(
                layer.File, layer.Format.ToString(), UploadCrs.Of(layer), layer.Encoding, layer.Repair,
                results.Select(r => new ComplianceUploadRow(r.Feature.Row, r.Feature.Properties, r.Result.Subject, r.Result.Verdict, r.Result.Findings, ComplianceResponse.ChineseNotes(r.Result.Notes))),
                ComplianceResponse.ChineseNotes(upload.Warnings), upload.ComputedAt, DataNote.Text),
            AnalysisJson.Options);
    }

    private static async Task<ComplianceAnswer> AnswerAsync(ComplianceResult result, ResultFormat format, ReportText text, IFeatureStore store, CancellationToken cancellationToken) => format switch
    {
        ResultFormat.GeoJson => TypedResults.Json(ComplianceExport.Features(result), AnalysisJson.Options, "application/geo+json"),
        ResultFormat.Csv => ComplianceExport.Csv(result),
        ResultFormat.Html => TypedResults.Content(ComplianceReport.Html(result, await ReportBackdrop.LoadAsync(store, cancellationToken), text), "text/html; charset=utf-8"),
        ResultFormat.Json => TypedResults.Json(ComplianceResponse.Of(result), AnalysisJson.Options),
        _ => throw ResultFormats.Unhandled(format),
    };

    private static async Task<Results<JsonHttpResult<ConstraintConflictsResponse>, JsonHttpResult<GeoJsonFeatureCollection>, FileContentHttpResult>> ConflictsAsync([FromQuery(Name = "f")] string? f, ConstraintConflicts analysis, CancellationToken cancellationToken)
    {
        var format = ResultFormats.Parse(f, htmlAllowed: false);
        var result = await analysis.RunAsync(cancellationToken);
        return format switch
        {
            ResultFormat.GeoJson => TypedResults.Json(ComplianceExport.Features(result), AnalysisJson.Options, "application/geo+json"),
            ResultFormat.Csv => ComplianceExport.Csv(result),
            ResultFormat.Json => TypedResults.Json(new ConstraintConflictsResponse(result.Conflicts, result.ComputedAt, DataNote.Text), AnalysisJson.Options),
            ResultFormat.Html => throw ResultFormats.Unhandled(format),
            _ => throw ResultFormats.Unhandled(format),
        };
    }
}

public sealed record ComplianceRequest(
    string Collection, long Id, [FromQuery(Name = "f")] string? F,
    [FromQuery(Name = "lang")] string? Lang = null);

/// <summary>A drawn site: a GeoJSON geometry and its optional CRS (EPSG:4490/CRS84 lon/lat, or EPSG:4545 metres).</summary>
public sealed record DrawnSiteBody([property: Hosting.GeoJsonGeometry] System.Text.Json.JsonElement? Geometry = null, System.Text.Json.JsonElement? Crs = null);
