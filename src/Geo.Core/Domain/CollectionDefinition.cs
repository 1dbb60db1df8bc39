namespace Geo.Core.Domain;

/// <summary>
/// One collection of <c>gis-data/</c>: the file it is read from, the PostGIS table it is stored in, and its properties.
/// The id is the GeoJSON feature <c>id</c> or, for CSV files, the <see cref="CsvIdColumn"/> column.
/// </summary>
/// <param name="Time">The properties that carry its features' time, when they have one (the <c>datetime</c> parameter).</param>
/// <param name="Editable">Whether staff may edit its features through the service; reference data (boundaries, plan tables) is not.</param>
public sealed record CollectionDefinition(
    string Id,
    string FileName,
    GeometryKind Geometry,
    string TitleZh,
    string TitleEn,
    string DescriptionZh,
    IReadOnlyList<PropertyDefinition> Properties,
    string? CsvIdColumn = null,
    TimeProperties? Time = null,
    bool Editable = false)
{
    public bool HasGeometry => Geometry != GeometryKind.None;

    public bool IsCsv => FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostGIS table; collection ids are already valid lower-case SQL identifiers.</summary>
    public string TableName => Id;

    public PropertyDefinition? FindProperty(string name) => Properties.FirstOrDefault(p => p.Name == name);
}

/// <summary>
/// The period a feature spans, from <paramref name="Start"/> to <paramref name="End"/> (the same property for an
/// instant): whole years when the properties are integers, days when they are dates.
/// </summary>
public sealed record TimeProperties(string Start, string End);
