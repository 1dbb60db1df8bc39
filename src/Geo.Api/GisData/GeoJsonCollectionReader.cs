using Geo.Api.GisData.Internal;
using Geo.Core.GisData;
using Geo.Core.Stores.InMemory;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace Geo.Api.GisData;

/// <summary>Reads one GeoJSON FeatureCollection of gis-data, checking every feature against its collection definition.</summary>
internal static class GeoJsonCollectionReader
{
    private const int ChunkSize = 8192;

    public static IReadOnlyList<Feature> Read(CollectionDefinition collection, ReadOnlyMemory<byte> utf8, List<DataError> errors, IProgress<double>? progress = null)
    {
        var file = collection.FileName;
        var features = new PackedFeatures.Builder(collection);
        var chunkErrors = new List<DataError>();
        string? type = null;
        var hasFeatures = false;
        try
        {
            // The file is read token by token and each feature parsed on its own: one JsonDocument of a 500 MB file
            // rents a ~1 GB token table that the array pool then keeps.
            var reader = new Utf8JsonReader(utf8.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new DataError(file, "top level", "must be a GeoJSON FeatureCollection with a 'features' array"));
                return [];
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "type" && reader.TokenType == JsonTokenType.String)
                {
                    type = reader.GetString();
                }
                else if (name == "features" && reader.TokenType == JsonTokenType.StartArray)
                {
                    hasFeatures = true;
                    ReadFeatures(collection, ref reader, utf8, features, chunkErrors, progress);
                }
                else
                {
                    reader.Skip();
                }
            }

            // Anything after the top-level object is an error of its own (the reader throws on it).
            reader.Read();
        }
        catch (JsonException e)
        {
            errors.Add(new DataError(file, $"line {e.LineNumber + 1}", $"not valid JSON: {e.Message}"));
            return [];
        }

        if (type != "FeatureCollection" || !hasFeatures)
        {
            errors.Add(new DataError(file, "top level", "must be a GeoJSON FeatureCollection with a 'features' array"));
            return [];
        }

        errors.AddRange(chunkErrors);
        return features.Build();
    }

    /// <summary>
    /// The features of the array the reader stands on, in chunks: the reader only finds where each feature's bytes
    /// are (and that they are JSON); a chunk's features are parsed, read and checked on every core while this thread
    /// finds the next chunk, then packed in order (errors keep the features' order), so that only two chunks' features
    /// exist as objects at any time.
    /// </summary>
    private static void ReadFeatures(
        CollectionDefinition collection, ref Utf8JsonReader reader, ReadOnlyMemory<byte> utf8, PackedFeatures.Builder features, List<DataError> errors,
        IProgress<double>? progress)
    {
        var chunk = new List<Range>(ChunkSize);
        var index = 0;
        Task<Checked[]>? pending = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            chunk.Add(start..(int)reader.BytesConsumed);
            if (chunk.Count == ChunkSize)
            {
                var (full, first) = (chunk, index);
                var next = Task.Run(() => Check(collection, utf8, full, first));
                Add(pending?.GetAwaiter().GetResult(), features, errors);
                pending = next;
                index += chunk.Count;
                chunk = new List<Range>(ChunkSize);
                progress?.Report((double)reader.BytesConsumed / utf8.Length);
            }
        }

        Add(pending?.GetAwaiter().GetResult(), features, errors);
        Add(Check(collection, utf8, chunk, index), features, errors);
    }

    /// <summary>A checked chunk's features and errors, in order, into the builder and the error list.</summary>
    private static void Add(Checked[]? chunk, PackedFeatures.Builder features, List<DataError> errors)
    {
        foreach (var (partFeatures, partErrors) in chunk ?? [])
        {
            foreach (var (plain, general) in partFeatures)
            {
                if (plain is not null)
                {
                    features.Add(plain);
                }
                else
                {
                    features.Add(general!);
                }
            }

            errors.AddRange(partErrors);
        }
    }

    private static Checked[] Check(CollectionDefinition collection, ReadOnlyMemory<byte> utf8, List<Range> chunk, int index)
    {
        var parts = Math.Max(1, Environment.ProcessorCount);
        var read = new Checked[parts];
        var size = (chunk.Count + parts - 1) / parts;
        Parallel.For(0, parts, part =>
        {
            var partFeatures = new List<(PackedFeature?, Feature?)>(size);
            var partErrors = new List<DataError>();
            var plain = PlainFeatureReader.Applies(collection) ? new PlainFeatureReader(collection) : null;
            for (var i = part * size; i < Math.Min(chunk.Count, (part + 1) * size); i++)
            {
                if (plain?.TryRead(utf8[chunk[i]].Span) is { } read)
                {
                    partFeatures.Add((read, null));
                    continue;
                }

                // The reader has checked these bytes are one JSON value already.
                using var element = JsonDocument.Parse(utf8[chunk[i]]);
                if (ReadFeature(collection, element.RootElement, $"feature #{index + i + 1}", partErrors) is { } feature)
                {
                    partFeatures.Add((null, feature));
                }
            }

            read[part] = new(partFeatures, partErrors);
        });
        return read;
    }

    private static Feature? ReadFeature(CollectionDefinition collection, JsonElement element, string location, List<DataError> errors)
    {
        var file = collection.FileName;
        var before = errors.Count;
        if (!element.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt64(out var id))
        {
            errors.Add(new DataError(file, location, "feature needs an integer top-level 'id'"));
            return null;
        }

        location = $"{location} (id {id})";
        var geometry = ReadGeometry(collection, element, file, location, errors);

        var properties = new Dictionary<string, object?>(collection.Properties.Count);
        var hasProperties = element.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object;
        foreach (var property in collection.Properties)
        {
            var value = hasProperties && props.TryGetProperty(property.Name, out var raw) ? raw : default;
            var (converted, error) = value.ValueKind == JsonValueKind.Undefined
                ? PropertyValues.FromText(property, string.Empty)
                : JsonPropertyValues.FromJson(property, value);
            if (error is not null)
            {
                errors.Add(new DataError(file, location, error));
            }

            properties[property.Name] = converted;
        }

        if (hasProperties)
        {
            foreach (var unknown in props.EnumerateObject().Where(p => collection.FindProperty(p.Name) is null))
            {
                errors.Add(new DataError(file, location,
                    $"unknown property '{unknown.Name}'; add it to the collection definition and a migration, or remove it"));
            }
        }

        return errors.Count == before ? new Feature(id, geometry, properties) : null;
    }

    private static Geometry? ReadGeometry(CollectionDefinition collection, JsonElement element, string file, string location, List<DataError> errors)
    {
        if (!element.TryGetProperty("geometry", out var raw) || raw.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DataError(file, location, "feature has no geometry"));
            return null;
        }

        Geometry? geometry;
        try
        {
            geometry = raw.Deserialize<Geometry>(GeometryJson.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            errors.Add(new DataError(file, location, $"unreadable geometry: {e.Message}"));
            return null;
        }

        if (geometry is null)
        {
            errors.Add(new DataError(file, location, "feature has no geometry"));
            return null;
        }

        geometry = GeometryRules.Normalise(collection.Geometry, geometry, out var kindError);
        if (kindError is not null)
        {
            errors.Add(new DataError(file, location, kindError));
            return null;
        }

        var validation = new IsValidOp(geometry).ValidationError;
        if (validation is not null)
        {
            errors.Add(new DataError(file, location, $"invalid geometry: {validation.Message} at {validation.Coordinate}"));
            return null;
        }

        return geometry;
    }

    /// <summary>
    /// One part of a chunk: the features that passed, in order, each read plainly into packed form or else by the
    /// general reader, and the errors of those that did not.
    /// </summary>
    private readonly record struct Checked(List<(PackedFeature? Plain, Feature? General)> Features, List<DataError> Errors);
}
