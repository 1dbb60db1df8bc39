namespace Geo.Core.Formats;

/// <summary>One feature as a reader found it: <see cref="Row"/> counts from 1 in the file's own order.</summary>
/// <param name="Geometry">In the file's CRS with x = easting or longitude, whatever the CRS's axis order.</param>
public sealed record SourceFeature(int Row, Geometry Geometry, IReadOnlyDictionary<string, object?> Properties);

/// <summary>
/// What a reader hands the pipeline: the features (a list, or read lazily from the file as they are enumerated), their
/// CRS and where the CRS and the text encoding came from.
/// </summary>
public sealed record SourceLayer(IEnumerable<SourceFeature> Features, Crs.CrsDefinition Crs, string CrsSource, string? Encoding)
{
    /// <summary>The attribute names every feature has (a shapefile's DBF fields), when the format declares them up front.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>How many records the file declares (a shapefile's DBF row count, deleted ones included), when it does up front.</summary>
    public int? Declared { get; init; }
}
