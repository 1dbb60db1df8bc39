using Geo.Core.Crs;
using Geo.Core.Formats;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;

namespace Geo.Api.Formats.GeoJson;

/// <summary>
/// Reads a GeoJSON FeatureCollection. RFC 7946 GeoJSON is lon/lat (CRS84); the pre-2016 <c>crs</c> member that GDAL
/// still writes for other CRSs (<c>urn:ogc:def:crs:EPSG::4545</c>) is honoured, and the request's crs beats both.
/// Geo.Core's <see cref="FeatureFile"/> runs it (as <see cref="FileReadOptions.GeoJson"/>) like the readers of the
/// other formats; it lives here because Geo.Core has no System.Text.Json.
/// </summary>
public sealed class GeoJsonFileReader : IFormatReader
{
    public static readonly GeoJsonFileReader Instance = new();

    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    private GeoJsonFileReader()
    {
    }

    public SourceLayer Read(string path, string file, FileReadOptions options, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new FileInputException(file, $"not valid JSON (line {e.LineNumber + 1}: {e.Message})", innerException: e);
        }

        using (document)
        {
            var (crs, crsSource) = options.Crs is not null ? FileCrs.FromRequest(options.Crs, file) : DeclaredCrs(document.RootElement, file);
            FeatureCollection? collection;
            try
            {
                collection = document.RootElement.Deserialize<FeatureCollection>(Options);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                throw new FileInputException(file, $"not a GeoJSON FeatureCollection ({e.Message})", innerException: e);
            }

            var features = new List<SourceFeature>();
            foreach (var feature in collection ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = features.Count + 1;
                if (feature.Geometry is null || feature.Geometry.IsEmpty)
                {
                    throw new FileInputException(file, "the feature has no geometry", row, "geometry");
                }

                var attributes = feature.Attributes;
                var properties = attributes?.GetNames().ToDictionary(n => n, n => Plain(attributes[n]), StringComparer.Ordinal)
                    ?? new Dictionary<string, object?>(StringComparer.Ordinal);
                features.Add(new SourceFeature(row, feature.Geometry, properties));
            }

            return new SourceLayer(features, crs, crsSource, "utf-8");
        }
    }

    private static (CrsDefinition, string) DeclaredCrs(JsonElement root, string file)
    {
        if (!root.TryGetProperty("crs", out var crs) || !crs.TryGetProperty("properties", out var properties)
            || !properties.TryGetProperty("name", out var name) || name.GetString() is not { } text)
        {
            return (SupportedCrs.Crs84, "GeoJSON (RFC 7946: lon/lat)");
        }

        var (definition, error) = InputCrs.FromCode(text);
        return definition is not null ? (definition, "GeoJSON crs member") : throw new FileInputException(file, error!, field: "crs");
    }

    private static object? Plain(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement e => e.ToString(),
        _ => value,
    };
}
