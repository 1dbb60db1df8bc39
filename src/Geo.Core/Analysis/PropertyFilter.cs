using Geo.Core.Domain;

namespace Geo.Core.Analysis;

/// <summary>Keeps the features whose text property equals one of the values (e.g. constraints of kind permanent_farmland).</summary>
public sealed record PropertyFilter(string Property, IReadOnlyList<string> Values)
{
    public PropertyFilter(string property, string value)
        : this(property, [value])
    {
    }

    public bool Matches(Feature feature) =>
        feature[Property] is string value && Values.Contains(value, StringComparer.Ordinal);

    public void EnsureTextPropertyOf(CollectionDefinition layer) => EnsureTextProperty(layer, Property);

    /// <summary>The property must be a text property of the layer; this guards the column name the SQL quotes.</summary>
    public static void EnsureTextProperty(CollectionDefinition layer, string property)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!layer.Properties.Any(p => p.Name == property && p.Type == PropertyType.Text))
        {
            throw new ArgumentException($"'{property}' is not a text property of {layer.Id}", nameof(property));
        }
    }
}
