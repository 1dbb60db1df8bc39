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

    /// <summary>
    /// The collection's features. The features array is first split by <see cref="FeatureArrayScan"/> and each feature
    /// read on its own; when anything in the file is not plainly JSON there, the file is read again token by token, so
    /// that the error reported is the one that read gives (its line and message).
    /// </summary>
    public static IReadOnlyList<Feature> Read(CollectionDefinition collection, ReadOnlyMemory<byte> utf8, List<DataError> errors, IProgress<double>? progress = null) =>
        Read(collection, utf8, errors, progress, scan: true) ?? Read(collection, utf8, errors, progress, scan: false)!;

    /// <summary>The features, or null when <paramref name="scan"/> met something it does not read (nothing is added to <paramref name="errors"/> then).</summary>
    private static IReadOnlyList<Feature>? Read(CollectionDefinition collection, ReadOnlyMemory<byte> utf8, List<DataError> errors, IProgress<double>? progress, bool scan)
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
                    if (!ReadFeatures(collection, ref reader, utf8, features, chunkErrors, progress, scan))
                    {
                        return null;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            // Anything after the top-level object is an error of its own (the reader throws on it).
            reader.Read();
        }
        catch (JsonException) when (scan)
        {
            return null;
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
    /// The features of the array the reader stands on, in chunks: this thread only finds where each feature's bytes
    /// are (<paramref name="scan"/>: by <see cref="FeatureArrayScan"/>; otherwise token by token, which also checks they
    /// are JSON); a chunk's features are parsed, read and checked on every core while this thread finds the next chunk,
    /// then packed in order (errors keep the features' order), so that only two chunks' features exist as objects at
    /// any time. The reader is left on the array's end. False when the scan met something it does not read.
    /// </summary>
    private static bool ReadFeatures(
        CollectionDefinition collection, ref Utf8JsonReader reader, ReadOnlyMemory<byte> utf8, PackedFeatures.Builder features, List<DataError> errors,
        IProgress<double>? progress, bool scan)
    {
        var chunk = new List<Range>(ChunkSize);
        var index = 0;
        Task<Checked[]>? pending = null;
        var (arrayStart, at) = (reader.CurrentState, (int)reader.BytesConsumed);
        while (NextFeature(ref reader, utf8.Span, scan, index + chunk.Count == 0, ref at) is { } feature)
        {
            chunk.Add(feature);
            if (chunk.Count == ChunkSize)
            {
                var (full, first) = (chunk, index);
                var next = Task.Run(() => Check(collection, utf8, full, first));
                if (!Add(pending?.GetAwaiter().GetResult(), features, errors))
                {
                    return false;
                }

                pending = next;
                index += chunk.Count;
                chunk = new List<Range>(ChunkSize);
                progress?.Report((double)(scan ? at : reader.BytesConsumed) / utf8.Length);
            }
        }

        if (scan && at >= 0)
        {
            // On from the closing bracket, as the reader would stand had it read every feature itself.
            reader = new Utf8JsonReader(utf8.Span[at..], isFinalBlock: true, arrayStart);
            reader.Read();
        }

        return at >= 0 && Add(pending?.GetAwaiter().GetResult(), features, errors) && Add(Check(collection, utf8, chunk, index), features, errors);
    }

    /// <summary>The next feature's bytes, or null at the array's end (or, scanning, where the scan stops: <paramref name="at"/> is then -1).</summary>
    private static Range? NextFeature(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, bool scan, bool first, ref int at)
    {
        if (scan)
        {
            var step = FeatureArrayScan.Next(utf8, first, ref at, out var feature);
            at = step == FeatureArrayScan.Step.NotPlain ? -1 : at;
            return step == FeatureArrayScan.Step.Feature ? feature : null;
        }

        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return null;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return start..(int)reader.BytesConsumed;
    }

    /// <summary>A checked chunk's features and errors, in order, into the builder and the error list; false when a feature was not JSON.</summary>
    private static bool Add(Checked[]? chunk, PackedFeatures.Builder features, List<DataError> errors)
    {
        if (chunk?.Any(part => part.NotJson) == true)
        {
            return false;
        }

        foreach (var (partFeatures, partErrors, _) in chunk ?? [])
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

        return true;
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
            var notJson = false;
            for (var i = part * size; i < Math.Min(chunk.Count, (part + 1) * size) && !notJson; i++)
            {
                if (plain?.TryRead(utf8[chunk[i]].Span) is { } read)
                {
                    partFeatures.Add((read, null));
                    continue;
                }

                // Not JSON only where the scan found the bytes: the file is then read token by token, which says where.
                if (Parse(utf8[chunk[i]]) is not { } element)
                {
                    notJson = true;
                    continue;
                }

                using (element)
                {
                    if (ReadFeature(collection, element.RootElement, $"feature #{index + i + 1}", partErrors) is { } feature)
                    {
                        partFeatures.Add((null, feature));
                    }
                }
            }

            read[part] = new(partFeatures, partErrors, notJson);
        });
        return read;
    }

    private static JsonDocument? Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Feature? ReadFeature(CollectionDefinition collection, JsonElement element, string location, List<DataError> errors)
    {
        var file = collection.FileName;
        var before = errors.Count;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new DataError(file, location, $"feature must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}; write it as {{\"type\":\"Feature\",\"id\":…,\"geometry\":…,\"properties\":…}}"));
            return null;
        }

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
    /// general reader, the errors of those that did not, and whether a feature was not JSON at all.
    /// </summary>
    private readonly record struct Checked(List<(PackedFeature? Plain, Feature? General)> Features, List<DataError> Errors, bool NotJson);
}
