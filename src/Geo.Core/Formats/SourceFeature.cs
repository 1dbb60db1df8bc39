using NetTopologySuite.Geometries;

namespace Geo.Core.Formats;

/// <summary>One feature as a reader found it: <see cref="Row"/> counts from 1 in the file's own order.</summary>
/// <param name="Geometry">In the file's CRS with x = easting or longitude, whatever the CRS's axis order.</param>
public sealed record SourceFeature(int Row, Geometry Geometry, IReadOnlyDictionary<string, object?> Properties);

/// <summary>What a reader hands the pipeline: the features, their CRS and where the CRS and the text encoding came from.</summary>
public sealed record SourceLayer(IReadOnlyList<SourceFeature> Features, Crs.CrsDefinition Crs, string CrsSource, string? Encoding);
