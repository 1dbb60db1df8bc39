using System.Buffers;

namespace Geo.Api.GisData;

/// <summary>
/// Writes one collection as a gis-data GeoJSON file (the layout <see cref="GisDataFolder"/> reads and gis-data/README.md
/// describes: a FeatureCollection, one feature per line, integer top-level ids, every property present, Chinese
/// unescaped, UTF-8 without a BOM). The file is replaced whole or not at all: features go to a temporary file beside it
/// that is renamed over it only once the last one is written.
/// </summary>
public static class GeoJsonCollectionWriter
{
    public static async Task<int> WriteAsync(string folder, CollectionDefinition collection, IEnumerable<Feature> features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(features);
        var path = Path.Combine(folder, collection.FileName);
        var temporary = path + ".writing";
        var written = 0;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await file.WriteAsync("{\"type\":\"FeatureCollection\",\"features\":[\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                var buffer = new ArrayBufferWriter<byte>(4096);
                await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = GeometryJson.Options.Encoder });
                foreach (var feature in features)
                {
                    if (written > 0)
                    {
                        await file.WriteAsync(",\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    }

                    buffer.ResetWrittenCount();
                    json.Reset(buffer);
                    WriteFeature(json, collection, feature);
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await file.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    written++;
                }

                await file.WriteAsync("\n]}\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteFeature(Utf8JsonWriter json, CollectionDefinition collection, Feature feature)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteNumber("id", feature.Id);
        json.WriteStartObject("properties");
        foreach (var property in collection.Properties)
        {
            json.WritePropertyName(property.Name);
            switch (feature[property.Name])
            {
                case null:
                    json.WriteNullValue();
                    break;
                case string text:
                    json.WriteStringValue(text);
                    break;
                case long integer:
                    json.WriteNumberValue(integer);
                    break;
                case double number:
                    json.WriteNumberValue(number);
                    break;
                case bool flag:
                    json.WriteBooleanValue(flag);
                    break;
                case DateOnly date:
                    json.WriteStringValue(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case var other:
                    throw new ArgumentException($"{collection.Id} id {feature.Id}: property '{property.Name}' holds a {other.GetType().Name}, which gis-data does not store");
            }
        }

        json.WriteEndObject();
        json.WritePropertyName("geometry");
        JsonSerializer.Serialize(json, feature.Geometry, GeometryJson.Options);
        json.WriteEndObject();
    }
}
