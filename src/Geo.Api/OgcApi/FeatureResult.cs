using Geo.Core.Crs;

namespace Geo.Api.OgcApi;

/// <summary>A single feature as GeoJSON in the requested CRS, with its links.</summary>
internal sealed class FeatureResult(Feature feature, CrsDefinition crs, IReadOnlyList<string>? properties, int decimals, IReadOnlyList<Link> links, int status = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = OgcMediaTypes.GeoJson;
        httpContext.Response.Headers["Content-Crs"] = $"<{crs.Uri}>";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, GeoJsonFeatureWriter.WriterOptions);
        GeoJsonFeatureWriter.WriteFeature(writer, feature, crs, properties, links, decimals);
        writer.Flush();
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
