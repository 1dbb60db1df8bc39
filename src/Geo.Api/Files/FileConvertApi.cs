using System.Text.RegularExpressions;
using Geo.Api.Analysis;
using Geo.Api.Hosting;
using Geo.Api.OgcApi;
using Geo.Core.Crs;
using Geo.Core.Formats;

namespace Geo.Api.Files;

/// <summary>
/// <c>POST /api/files/convert</c>: an uploaded file read exactly as the preview reads it (same readers, limits and
/// make-valid repairs, in CGCS2000 lon/lat) and written back in the format asked for by the writers of the OGC API
/// exports, so that a reviewed 红线 file can be saved as GeoPackage, Shapefile, CSV, 报盘 TXT or GeoJSON. Nothing is stored.
/// </summary>
internal static partial class FileConvertApi
{
    public static void MapFileConvert(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/files/convert", ConvertAsync)
            .WithName("FileConvert")
            .WithTags("文件 Files")
            .WithSummary("文件转换：把上传的报盘 TXT、Shapefile、GeoPackage、GeoJSON 或 CSV 转为 f=gpkg、shp（encoding=gbk 可选）、csv、txt（报盘）或 geojson")
            .WithDescription("The same multipart/form-data as POST /api/files/preview (field 'file'; optional 'crs', 'encoding', 'from' say how the upload is read). "
                + "The query's f (gpkg, shp, csv, txt, geojson; default geojson) and encoding (f=shp only: utf-8 or gbk) say how the answer is written, as for "
                + "/ogcapi/collections/{id}/export: EPSG:4490 (报盘 TXT: zone 36 with prefix), one column per field of the file plus 'row' (the file's row or 地块) unless the file has that field, "
                + "invalid polygons repaired with make-valid. A Shapefile holds one geometry type (400 otherwise). Nothing is stored; the upload limit is Uploads:MaxBytes (413).")
            .Accepts<string>("multipart/form-data")
            .DescribesUploadForm()
            .ProducesFeatureFormats()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesBodyProblems();

    private static async Task<Results<FeatureCollectionResult, CsvFeatureCollectionResult, BaopanFeatureCollectionResult, ShapefileFeatureCollectionResult,
        GeoPackageFeatureCollectionResult>> ConvertAsync(
        HttpRequest http, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "f")] string? f, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "encoding")] string? encoding,
        UploadLimits limits, CancellationToken cancellationToken)
    {
        // The answer's format is checked before the upload is read, so that a wrong f costs no upload.
        var format = ItemsQueryParser.ParseFormat(f);
        var shapefileEncoding = ItemsQueryParser.ParseEncoding(encoding, format);
        if (!http.HasFormContentType)
        {
            throw Geo.Core.InputException.Invalid("file", "send a multipart/form-data body with the file in field 'file'");
        }

        var layer = await UploadedFile.ReadAsync(http, limits, cancellationToken);
        var features = layer.Features.Select(feature => new Feature(
            feature.Row, AsCollectionGeometry(GeometryInput.Repaired(feature.Geometry, $"file row {feature.Row}").Geometry),
            UploadedColumns.Values(feature)))
            .ToList();
        var collection = UploadedColumns.Collection(SafeName(layer.File), features);
        var download = DownloadName(layer.File);
        ItemsEndpoints.CheckWritable(collection, format);
        features = features.Select(feature => UploadedColumns.Conform(collection, feature)).ToList();

        // GeoJSON and CSV keep the upload's precision (1e-9°, 0.1 mm) rather than the API's 1 cm: a converted 红线 keeps its area.
        var items = new ItemsQuery(new FeatureQuery(collection), SupportedCrs.Crs84, null, format, null) { ShapefileEncoding = shapefileEncoding, Precision = 9 };
        var stream = features.ToAsyncEnumerable();
        switch (format)
        {
            case OutputFormat.Csv:
                return new CsvFeatureCollectionResult(stream, collection, items, download);
            case OutputFormat.BaopanTxt:
                return new BaopanFeatureCollectionResult(stream, collection, items, download);
            case OutputFormat.Shapefile:
                return new ShapefileFeatureCollectionResult(stream, collection, shapefileEncoding, download);
            case OutputFormat.GeoPackage:
                return new GeoPackageFeatureCollectionResult(stream, collection, download);
            case OutputFormat.GeoJson:
                http.HttpContext.Response.Headers.ContentDisposition = Attachment.Header(download, collection.Id, ".geojson");
                return new FeatureCollectionResult(stream, items, features.Count, numberMatchedIsEstimate: false, () => [], []);
            default:
                throw new System.Diagnostics.UnreachableException($"output format {format} is not handled");
        }
    }

    /// <summary>Polygons as MultiPolygons, as a polygon layer declares them (GeoPackage MULTIPOLYGON, one shapefile type).</summary>
    private static Geometry AsCollectionGeometry(Geometry geometry) =>
        geometry is Polygon polygon ? geometry.Factory.CreateMultiPolygon([polygon]) : geometry;

    /// <summary>The layer and file name: the upload's name in ASCII letters, digits, '-' and '_' (a header takes no other), else "upload".</summary>
    private static string SafeName(string file)
    {
        var name = UnsafeCharacters().Replace(Path.GetFileNameWithoutExtension(file), "").ToLowerInvariant();
        return name.Length is > 0 and <= 60 ? name : "upload";
    }

    /// <summary>
    /// The download's name: the uploaded file's, without its extension and in any script (红线.zip gives 红线.gpkg), for
    /// Content-Disposition's filename*; a file read from a zip is named "红线.zip/红线.shp", whose first part was uploaded.
    /// </summary>
    private static string? DownloadName(string file)
    {
        var name = new string([.. Path.GetFileNameWithoutExtension(file.Split('/')[0]).Where(c => !char.IsControl(c))]).Trim();
        return name.Length is > 0 and <= 100 ? name : null;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeCharacters();
}
