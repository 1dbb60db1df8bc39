using System.Globalization;

namespace Geo.Api.OgcApi;

/// <summary>
/// An items page as GeoJSON, written as the store yields it so that memory stays flat for large pages. The links are
/// made after the features: a keyset <c>next</c> link carries the last one's key.
/// </summary>
internal sealed class FeatureCollectionResult(
    IAsyncEnumerable<Feature> features, ItemsQuery query, long numberMatched, bool numberMatchedIsEstimate, Func<IReadOnlyList<Link>> links, IReadOnlyList<string> notes) : IResult
{
    /// <summary>Bytes written between sends: large enough that a send costs little per feature, small enough that memory stays flat.</summary>
    private const int FlushBytes = 64 * 1024;

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
        var sent = 0L;
        await foreach (var feature in features.WithCancellation(cancellationToken))
        {
            GeoJsonFeatureWriter.WriteFeature(writer, feature, query.Crs, query.Properties, decimals: query.Decimals);
            returned++;

            // Writing to the pipe only buffers; flushing it sends what is written so far. BytesPending alone never
            // reaches a large size: the writer hands its bytes to the pipe whenever the pipe's current segment is full.
            if (writer.BytesCommitted + writer.BytesPending - sent > FlushBytes)
            {
                writer.Flush();
                sent = writer.BytesCommitted;
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
