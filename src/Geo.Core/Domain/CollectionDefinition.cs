namespace Geo.Core.Domain;

/// <summary>
/// One collection of <c>gis-data/</c>: the file it is read from, the PostGIS table it is stored in, and its properties.
/// The id is the GeoJSON feature <c>id</c> or, for CSV files, the <see cref="CsvIdColumn"/> column.
/// </summary>
public sealed record CollectionDefinition(
    string Id,
    string FileName,
    GeometryKind Geometry,
    string TitleZh,
    string TitleEn,
    string DescriptionZh,
    IReadOnlyList<PropertyDefinition> Properties,
    string? CsvIdColumn = null)
{
    public bool HasGeometry => Geometry != GeometryKind.None;

    public bool IsCsv => FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostGIS table; collection ids are already valid lower-case SQL identifiers.</summary>
    public string TableName => Id;

    public PropertyDefinition? FindProperty(string name) => Properties.FirstOrDefault(p => p.Name == name);
}
