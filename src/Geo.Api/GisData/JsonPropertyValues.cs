using Geo.Core.GisData;

namespace Geo.Api.GisData;

/// <summary>
/// Converts a GeoJSON property value to the normalised CLR value of a property, or says why it cannot: the JSON side
/// of Geo.Core's <see cref="PropertyValues"/>, shared by the gis-data reader and the edit body.
/// </summary>
public static class JsonPropertyValues
{
    public static (object? Value, string? Error) FromJson(PropertyDefinition property, JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (element.ValueKind == JsonValueKind.Null)
        {
            return PropertyValues.Check(property, null);
        }

        return property.Type switch
        {
            PropertyType.Text when element.ValueKind == JsonValueKind.String => PropertyValues.Check(property, element.GetString()),
            PropertyType.Integer when element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var l) => PropertyValues.Check(property, l),
            PropertyType.Number when element.ValueKind == JsonValueKind.Number => PropertyValues.Check(property, element.GetDouble()),
            PropertyType.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False => PropertyValues.Check(property, element.GetBoolean()),
            PropertyType.Date when element.ValueKind == JsonValueKind.String => PropertyValues.FromText(property, element.GetString()!),
            _ => (null, PropertyValues.WrongType(property, $"{element.ValueKind.ToString().ToLowerInvariant()} {PropertyValues.Shorten(element.GetRawText())}")),
        };
    }
}
