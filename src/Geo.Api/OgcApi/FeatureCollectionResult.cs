using System.Text.Json;
using Geo.Core.Domain;

namespace Geo.Api.OgcApi;

/// <summary>An items page, written to the response as the store yields it so that memory stays flat for large pages.</summary>
internal sealed class FeatureCollectionResult(
    IAsyncEnumerable<Feature> features, long numberMatched, IReadOnlyList<Link> links) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = OgcMediaTypes.GeoJson;
        var cancellationToken = httpContext.RequestAborted;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, GeoJsonFeatureWriter.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        var returned = 0;
        await foreach (var feature in features.WithCancellation(cancellationToken))
        {
            GeoJsonFeatureWriter.WriteFeature(writer, feature);
            returned++;
            if (writer.BytesPending > 32 * 1024)
            {
                // Writing to the pipe buffers; flushing the pipe sends what is written so far to the client.
                writer.Flush();
                await response.BodyWriter.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("numberMatched", numberMatched);
        writer.WriteNumber("numberReturned", returned);
        writer.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        writer.WritePropertyName("links");
        JsonSerializer.Serialize(writer, links, OgcJson.Options);
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
