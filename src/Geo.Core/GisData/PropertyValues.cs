using System.Globalization;

namespace Geo.Core.GisData;

/// <summary>
/// Converts raw text values (CSV cells, form fields, file attributes) to the normalised CLR value of a property, or
/// says why it cannot. A GeoJSON value is read by Geo.Api's <c>GisData/JsonPropertyValues</c>, which ends in
/// <see cref="Check"/> and <see cref="WrongType"/> so both give the same answers and messages.
/// </summary>
public static class PropertyValues
{
    public static (object? Value, string? Error) FromText(PropertyDefinition property, string text)
    {
        if (text.Length == 0)
        {
            return Check(property, null);
        }

        var inv = CultureInfo.InvariantCulture;
        return property.Type switch
        {
            PropertyType.Text => Check(property, text),
            PropertyType.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var l) => Check(property, l),
            PropertyType.Number when double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d) => Check(property, d),
            PropertyType.Boolean when bool.TryParse(text, out var b) => Check(property, b),
            PropertyType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var date) => Check(property, date),
            _ => (null, WrongType(property, $"'{Shorten(text)}'")),
        };
    }

    /// <summary>A value already of the property's CLR type, checked for presence and against the allowed values.</summary>
    public static (object? Value, string? Error) Check(PropertyDefinition property, object? value)
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

    /// <summary>The error for a value of the wrong type; <paramref name="found"/> says what came instead.</summary>
    public static string WrongType(PropertyDefinition property, string found) =>
        $"property '{property.Name}' must be {Describe(property.Type)}, found {found}";

    private static string Describe(PropertyType type) => type switch
    {
        PropertyType.Text => "a string",
        PropertyType.Integer => "an integer",
        PropertyType.Number => "a number",
        PropertyType.Boolean => "true or false",
        PropertyType.Date => "a date as yyyy-MM-dd",
        _ => type.ToString(),
    };

    /// <summary>At most 40 characters of a value, for an error message.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
