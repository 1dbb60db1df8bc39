namespace Geo.Core.Domain;

/// <summary>One attribute of a collection: its name in the data files, type, and the values it may take.</summary>
/// <param name="Name">The property name in GeoJSON / the CSV header, and the PostGIS column name.</param>
/// <param name="TitleZh">Chinese field name shown to staff (计划总投资, 建设年限 …).</param>
/// <param name="TitleEn">English field name, shown by the viewer's English toggle.</param>
/// <param name="Required">Whether null or a missing value is rejected.</param>
/// <param name="Codes">For coded text properties, the codes and their names; a closed list is also the complete set of accepted values.</param>
public sealed record PropertyDefinition(
    string Name,
    PropertyType Type,
    string TitleZh,
    string TitleEn,
    bool Required = true,
    CodeList? Codes = null)
{
    /// <summary>The complete list of accepted values, when the codes are a closed list.</summary>
    public CodeList? AllowedValues => Codes is { IsClosed: true } closed ? closed : null;
}
