using System.Text;
using Geo.Core.Crs;
using Geo.Core.Domain;
using Geo.Core.Formats.Baopan;
using NetTopologySuite.Geometries;

namespace Geo.Api.OgcApi;

/// <summary>
/// An items page of a polygon collection as a 报盘 TXT, in GBK as the land-administration software reads it: zone 36
/// with the zone prefix (EPSG:4524), or without it when crs=EPSG:4545 was asked for.
/// </summary>
internal sealed class BaopanFeatureCollectionResult(IAsyncEnumerable<Feature> features, CollectionDefinition collection, ItemsQuery query) : IResult
{
    private const int KaizhouZone = 36;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var zone = GaussKrugerZones.Definition(query.Crs.Epsg == GaussKruger108.Srid
            ? GaussKruger108.Srid
            : GaussKrugerZones.PrefixedEpsg(KaizhouZone));
        var response = httpContext.Response;
        response.ContentType = "text/plain; charset=gbk";
        response.Headers.ContentDisposition = $"attachment; filename=\"{collection.Id}.txt\"";
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
                yield return new BaopanParcel(feature.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    feature["name"] as string, feature["land_use"] as string ?? feature["kind"] as string, feature.Geometry);
            }
        }
    }
}
