using System.Globalization;
using Geo.Api.GisData;
using Geo.Core.Crs;
using Geo.Core.GisData;

namespace Geo.Api.OgcApi;

/// <summary>
/// Writes features as GeoJSON with a top-level integer id, in the requested CRS and axis order, coordinates rounded to the
/// CRS's <see cref="CrsDefinition.Decimals"/>, Chinese unescaped.
/// </summary>
internal static class GeoJsonFeatureWriter
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = GeometryJson.Options.Encoder };

    /// <param name="properties">The properties to write, or null for all.</param>
    /// <param name="links">Links to write inside the feature object (for a single-feature response), or null.</param>
    /// <param name="decimals">Decimals of each coordinate (the <c>precision</c> parameter), or null for the CRS's own.</param>
    public static void WriteFeature(
        Utf8JsonWriter writer, Feature feature, CrsDefinition crs, IReadOnlyList<string>? properties = null, IReadOnlyList<Link>? links = null, int? decimals = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteNumber("id", feature.Id);
        writer.WritePropertyName("geometry");
        WriteGeometry(writer, feature, crs, decimals ?? crs.Decimals);
        writer.WriteStartObject("properties");
        foreach (var (name, value) in feature.Properties)
        {
            if (properties is null || properties.Contains(name))
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }
        }

        writer.WriteEndObject();
        if (links is not null)
        {
            writer.WritePropertyName("links");
            JsonSerializer.Serialize(writer, links, OgcJson.Options);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// From the store's bytes when it sent them and no transform is needed (the geometry is then never read), else from
    /// the NTS geometry: plain ones by <see cref="GeoJsonGeometryWriter"/>, the rest by the GeoJSON4STJ converter.
    /// </summary>
    private static void WriteGeometry(Utf8JsonWriter writer, Feature feature, CrsDefinition crs, int decimals)
    {
        if (feature.Stored is { } stored && crs.KeepsStorageCoordinates && GeoJsonWkbWriter.TryWrite(writer, stored, decimals, swapAxes: crs.FirstAxisIsNorthing))
        {
            return;
        }

        if (feature.Geometry is null)
        {
            writer.WriteNullValue();
            return;
        }

        var output = crs.FromStorage(feature.Geometry);
        if (!GeoJsonGeometryWriter.TryWrite(writer, output, decimals))
        {
            JsonSerializer.Serialize(writer, CoordinateRounding.Round(output, decimals, shared: ReferenceEquals(output, feature.Geometry)), GeometryJson.Options);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            default: throw new InvalidOperationException($"no JSON form for {value.GetType()}");
        }
    }
}
