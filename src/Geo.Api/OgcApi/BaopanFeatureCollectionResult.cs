using System.Text;
using Geo.Core.Crs;
using Geo.Core.Formats.Baopan;

namespace Geo.Api.OgcApi;

/// <summary>
/// Features (an items page or an export) of a polygon collection as a 报盘 TXT, in GBK as the land-administration software reads it: zone 36
/// with the zone prefix (EPSG:4524), or without it when crs=EPSG:4545 was asked for.
/// </summary>
internal sealed class BaopanFeatureCollectionResult(IAsyncEnumerable<Feature> features, CollectionDefinition collection, ItemsQuery query, string? fileName = null) : IResult
{
    private const int KaizhouZone = 36;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var zone = GaussKrugerZones.Definition(query.Crs.Epsg == GaussKruger108.Srid
            ? GaussKruger108.Srid
            : GaussKrugerZones.PrefixedEpsg(KaizhouZone));
        var response = httpContext.Response;
        response.ContentType = "text/plain; charset=gbk";
        response.Headers.ContentDisposition = Attachment.Header(fileName, collection.Id, ".txt");
        response.Headers["Content-Crs"] = $"<{zone.Uri}>";
        await using var text = new StreamWriter(response.Body, CodePagesEncodingProvider.Instance.GetEncoding(936)!, 32 * 1024);
        await BaopanWriter.WriteAsync(text, Parcels(), zone, httpContext.RequestAborted);
    }

    private async IAsyncEnumerable<BaopanParcel> Parcels()
    {
        await foreach (var feature in features)
        {
            if (feature.Geometry is Polygon or MultiPolygon)
            {
                // A collection's name and use, or an uploaded 报盘 TXT's own 地块 fields when it is written back.
                yield return new BaopanParcel(feature["地块编号"] as string ?? feature.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    feature["name"] as string ?? feature["地块名称"] as string,
                    feature["land_use"] as string ?? feature["kind"] as string ?? feature["地块用途"] as string, feature.Geometry);
            }
        }
    }
}
