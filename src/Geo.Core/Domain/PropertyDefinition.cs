namespace Geo.Core.Domain;

/// <summary>One attribute of a collection: its name in the data files, type, and the values it may take.</summary>
/// <param name="Name">The property name in GeoJSON / the CSV header, and the PostGIS column name.</param>
/// <param name="TitleZh">Chinese field name shown to staff (计划总投资, 建设年限 …).</param>
/// <param name="Required">Whether null or a missing value is rejected.</param>
/// <param name="AllowedValues">For coded text properties, the complete list of accepted values.</param>
public sealed record PropertyDefinition(
    string Name,
    PropertyType Type,
    string TitleZh,
    bool Required = true,
    IReadOnlyList<string>? AllowedValues = null);
