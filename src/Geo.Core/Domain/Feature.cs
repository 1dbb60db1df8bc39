namespace Geo.Core.Domain;

/// <summary>
/// A feature (or, for a table without geometry, a record) as both stores return it. Property values are
/// normalised to string, long, double, bool, DateOnly or null, keyed and ordered as in the collection definition.
/// Geometries are in EPSG:4490 with x = longitude, y = latitude.
/// </summary>
public sealed record Feature(long Id, Geometry? Geometry, IReadOnlyDictionary<string, object?> Properties)
{
    public object? this[string property] => Properties.TryGetValue(property, out var value) ? value : null;
}
