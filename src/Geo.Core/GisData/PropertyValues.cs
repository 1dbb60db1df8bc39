using System.Globalization;
using System.Text.Json;
using Geo.Core.Domain;

namespace Geo.Core.GisData;

/// <summary>Converts raw JSON or CSV values to the normalised CLR value of a property, or says why it cannot.</summary>
public static class PropertyValues
{
    public static (object? Value, string? Error) FromJson(PropertyDefinition property, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return Checked(property, null);
        }

        return property.Type switch
        {
            PropertyType.Text when element.ValueKind == JsonValueKind.String => Checked(property, element.GetString()),
            PropertyType.Integer when element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var l) => Checked(property, l),
            PropertyType.Number when element.ValueKind == JsonValueKind.Number => Checked(property, element.GetDouble()),
            PropertyType.Boolean when element.ValueKind is JsonValueKind.True or JsonValueKind.False => Checked(property, element.GetBoolean()),
            PropertyType.Date when element.ValueKind == JsonValueKind.String => FromText(property, element.GetString()!),
            _ => (null, $"property '{property.Name}' must be {Describe(property.Type)}, found {element.ValueKind.ToString().ToLowerInvariant()} {Shorten(element.GetRawText())}"),
        };
    }

    public static (object? Value, string? Error) FromText(PropertyDefinition property, string text)
    {
        if (text.Length == 0)
        {
            return Checked(property, null);
        }

        var inv = CultureInfo.InvariantCulture;
        return property.Type switch
        {
            PropertyType.Text => Checked(property, text),
            PropertyType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var l) => Checked(property, l),
            PropertyType.Number when double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d) => Checked(property, d),
            PropertyType.Boolean when bool.TryParse(text, out var b) => Checked(property, b),
            PropertyType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var date) => Checked(property, date),
            _ => (null, $"property '{property.Name}' must be {Describe(property.Type)}, found '{Shorten(text)}'"),
        };
    }

    private static (object? Value, string? Error) Checked(PropertyDefinition property, object? value)
    {
        if (value is null)
        {
            return property.Required ? (null, $"property '{property.Name}' is required") : (null, null);
        }

        if (property.AllowedValues is { } allowed && value is string s && !allowed.Contains(s))
        {
            return (null, $"property '{property.Name}' has unknown value '{s}'; allowed: {string.Join(", ", allowed)}");
        }

        return (value, null);
    }

    private static string Describe(PropertyType type) => type switch
    {
        PropertyType.Text => "a string",
        PropertyType.Integer => "an integer",
        PropertyType.Number => "a number",
        PropertyType.Boolean => "true or false",
        PropertyType.Date => "a date as yyyy-MM-dd",
        _ => type.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
