using System.Text.Json;
using Geo.Core.Domain;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace Geo.Core.GisData;

/// <summary>Reads one GeoJSON FeatureCollection of gis-data, checking every feature against its collection definition.</summary>
internal static class GeoJsonCollectionReader
{
    private const int ChunkSize = 8192;

    public static List<Feature> Read(CollectionDefinition collection, ReadOnlyMemory<byte> utf8, List<DataError> errors, IProgress<double>? progress = null)
    {
        var file = collection.FileName;
        var features = new List<Feature>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            errors.Add(new DataError(file, $"line {e.LineNumber + 1}", $"not valid JSON: {e.Message}"));
            return features;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.GetString() != "FeatureCollection"
                || !root.TryGetProperty("features", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new DataError(file, "top level", "must be a GeoJSON FeatureCollection with a 'features' array"));
                return features;
            }

            // A million parcels: features are read and checked in chunks on every core (a JsonDocument is safe to read
            // from several threads); errors keep the features' order.
            var elements = array.EnumerateArray().ToArray();
            var chunks = (elements.Length + ChunkSize - 1) / ChunkSize;
            var read = new (Feature?[] Features, List<DataError> Errors)[chunks];
            var done = 0;
            Parallel.For(0, chunks, chunk =>
            {
                var start = chunk * ChunkSize;
                var chunkErrors = new List<DataError>();
                var chunkFeatures = new Feature?[Math.Min(ChunkSize, elements.Length - start)];
                for (var i = 0; i < chunkFeatures.Length; i++)
                {
                    chunkFeatures[i] = ReadFeature(collection, elements[start + i], $"feature #{start + i + 1}", chunkErrors);
                }

                read[chunk] = (chunkFeatures, chunkErrors);
                var finished = Interlocked.Add(ref done, chunkFeatures.Length);
                if (progress is not null)
                {
                    lock (read)
                    {
                        progress.Report((double)finished / elements.Length);
                    }
                }
            });
            foreach (var (chunkFeatures, chunkErrors) in read)
            {
                errors.AddRange(chunkErrors);
                features.AddRange(chunkFeatures.OfType<Feature>());
            }
        }

        return features;
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
                : PropertyValues.FromJson(property, value);
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
}
