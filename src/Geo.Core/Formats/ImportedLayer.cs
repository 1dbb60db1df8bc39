namespace Geo.Core.Formats;

/// <summary>A feature read from a file and turned into storage coordinates (EPSG:4490, x = longitude).</summary>
public sealed record ImportedFeature(int Row, Geometry Geometry, IReadOnlyDictionary<string, object?> Properties);

/// <summary>
/// A whole file read: its features in storage coordinates, the CRS they were drawn in and how that was known
/// (<c>.prj</c>, the TXT header, the request …), and the text encoding used, so that callers can state both.
/// </summary>
public sealed record ImportedLayer(string File, FileFormat Format, CrsDefinition SourceCrs, string CrsSource, string? Encoding, IReadOnlyList<ImportedFeature> Features)
{
    /// <summary>The GCJ-02/BD-09 repair applied, if one was asked for.</summary>
    public OffsetRepair? Repair { get; init; }
}

/// <summary>A web-map offset undone: from which datum, over how many vertices, and how far they moved on average.</summary>
public sealed record OffsetRepair(WebMapDatum From, int Vertices, double MeanShiftMetres);
