using System.Text.Json;
using Geo.Core.Domain;

namespace Geo.Api.OgcApi;

/// <summary>A single feature as GeoJSON, with its links.</summary>
internal sealed class FeatureResult(Feature feature, IReadOnlyList<Link> links) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = OgcMediaTypes.GeoJson;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, GeoJsonFeatureWriter.WriterOptions);
        GeoJsonFeatureWriter.WriteFeature(writer, feature, links);
        writer.Flush();
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
