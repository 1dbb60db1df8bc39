using Geo.Api.Analysis;
using Geo.Api.Hosting;
using Geo.Core.Formats;

namespace Geo.Api.Files;

/// <summary>
/// <c>POST /api/files/preview</c>: a file read as the analyses read it (same readers, limits and repairs) and handed
/// back as GeoJSON for the viewer to draw before it is reviewed. Nothing is written.
/// </summary>
public static class FilePreviewApi
{
    public static IEndpointRouteBuilder MapFilePreviewApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/files/preview", PreviewAsync)
            .WithName("FilePreview")
            .WithTags("文件 Files")
            .WithSummary("文件预览：读取上传的报盘 TXT、Shapefile、GeoPackage、GeoJSON 或 CSV，返回 EPSG:4490 GeoJSON 及坐标系、修复与警告")
            .WithDescription("multipart/form-data with the file in field 'file' and optional 'crs', 'encoding' and 'from' (gcj02, bd09), read exactly as "
                + "POST /api/analysis/compliance reads it: the features in CGCS2000 lon/lat (property 'row' = the file's row or 地块), the CRS and how it "
                + "was known, the encoding, the web-map repair, each make-valid repair and a warning per feature outside 开州区. Nothing is stored; "
                + "the upload limit is Uploads:MaxBytes (413 above it).")
            .Accepts<string>("multipart/form-data")
            .DescribesUploadForm()
            .ProducesJson<FilePreviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesBodyProblems();
        app.MapFileConvert();
        return app;
    }

    private static async Task<JsonHttpResult<FilePreviewResponse>> PreviewAsync(HttpRequest http, UploadLimits limits, IFeatureStore store, CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType)
        {
            throw Geo.Core.InputException.Invalid("file", "send a multipart/form-data body with the file in field 'file'");
        }

        var layer = await UploadedFile.ReadAsync(http, limits, cancellationToken);
        var features = new List<GeoJsonFeature>(layer.Features.Count);
        var repairs = new List<string>();
        var outside = new List<ImportedFeature>();
        foreach (var feature in layer.Features)
        {
            var input = GeometryInput.Repaired(feature.Geometry, $"file row {feature.Row}");
            if (input.Repair is { } repair)
            {
                repairs.Add($"{layer.File} 第 {feature.Row} 行：{repair.Zh}");
            }

            if (!await DistrictCheck.TouchesDistrictAsync(store, input.Geometry, cancellationToken))
            {
                outside.Add(feature);
            }

            features.Add(new GeoJsonFeature(feature.Row, input.Geometry, new Dictionary<string, object?>(feature.Properties) { ["row"] = feature.Row }));
        }

        return TypedResults.Json(
            new FilePreviewResponse(
                layer.File, layer.Format.ToString(), UploadCrs.Of(layer), layer.Encoding, layer.Repair,
                new GeoJsonFeatureCollection(features), repairs, UploadWarnings.OutsideDistrict(layer, outside)),
            AnalysisJson.Options);
    }
}

/// <summary>An uploaded file as read: its features in EPSG:4490, how it was read (CRS, encoding, web-map repair), make-valid repairs and warnings.</summary>
internal sealed record FilePreviewResponse(
    string File, string Format, UploadCrs Crs, string? Encoding, OffsetRepair? Repair, GeoJsonFeatureCollection Features,
    IReadOnlyList<string> Repairs, IReadOnlyList<string> Warnings);
