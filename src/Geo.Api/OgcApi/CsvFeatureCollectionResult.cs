using System.Globalization;
using System.Text;
using CsvHelper;
using Geo.Api.Csv;
using NetTopologySuite.IO;

namespace Geo.Api.OgcApi;

/// <summary>
/// Features (an items page or an export) as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as mojibake), one
/// column per property (text that a spreadsheet would run as a formula guarded) and the geometry as WKT in the requested CRS.
/// </summary>
internal sealed class CsvFeatureCollectionResult(IAsyncEnumerable<Feature> features, CollectionDefinition collection, ItemsQuery query, string? fileName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = Attachment.Header(fileName, collection.Id, ".csv");
        response.Headers["Content-Crs"] = $"<{query.Crs.Uri}>";
        var cancellationToken = httpContext.RequestAborted;
        var columns = collection.Properties.Select(p => p.Name).Where(n => query.Properties is null || query.Properties.Contains(n)).ToList();
        var wkt = new WKTWriter();

        await using var text = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 32 * 1024);
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        csv.WriteField("id");
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        if (collection.HasGeometry)
        {
            csv.WriteField("wkt");
        }

        await csv.NextRecordAsync();
        await foreach (var feature in features.WithCancellation(cancellationToken))
        {
            csv.WriteField(feature.Id);
            foreach (var column in columns)
            {
                csv.WriteField(Format(feature[column]));
            }

            if (feature.Geometry is not null)
            {
                csv.WriteField(wkt.Write(query.Crs.FromStorage(feature.Geometry)));
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvFormulaGuard.Text(value.ToString() ?? ""),
    };
}
