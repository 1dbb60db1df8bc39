using System.Globalization;

namespace Geo.Api.OgcApi;

/// <summary>
/// An items page as GeoJSON, written as the store yields it so that memory stays flat for large pages. The links are
/// made after the features: a keyset <c>next</c> link carries the last one's key.
/// </summary>
internal sealed class FeatureCollectionResult(
    IAsyncEnumerable<Feature> features, ItemsQuery query, long numberMatched, bool numberMatchedIsEstimate, Func<IReadOnlyList<Link>> links, IReadOnlyList<string> notes) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = OgcMediaTypes.GeoJson;
        response.Headers["Content-Crs"] = $"<{query.Crs.Uri}>";
        var cancellationToken = httpContext.RequestAborted;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, GeoJsonFeatureWriter.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        var returned = 0;
        await foreach (var feature in features.WithCancellation(cancellationToken))
        {
            GeoJsonFeatureWriter.WriteFeature(writer, feature, query.Crs, query.Properties, decimals: query.Decimals);
            returned++;
            if (writer.BytesPending > 32 * 1024)
            {
                // Writing to the pipe only buffers; flushing the pipe sends what is written so far.
                writer.Flush();
                await response.BodyWriter.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("numberMatched", numberMatched);
        writer.WriteBoolean("numberMatchedIsEstimate", numberMatchedIsEstimate);
        writer.WriteNumber("numberReturned", returned);
        writer.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        if (notes.Count > 0)
        {
            writer.WritePropertyName("notes");
            JsonSerializer.Serialize(writer, notes, OgcJson.Options);
        }

        writer.WritePropertyName("links");
        JsonSerializer.Serialize(writer, links(), OgcJson.Options);
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
