using Geo.Core.Crs;
using Geo.Core.Domain;
using NetTopologySuite.Geometries;

namespace Geo.Core.Analysis;

/// <summary>One layer feature that meets the subject: the shared part and its area, and the feature's own area (EPSG:4545).</summary>
public sealed record Overlap(Feature Feature, Geometry Intersection, Area Area, Area FeatureArea);

/// <summary>The subject cut by the union of one class of a layer's features.</summary>
public sealed record ClassOverlap(string Class, Geometry Intersection, Area Area, int FeatureCount);

/// <summary>A feature near an origin, with the distance in EPSG:4545 metres.</summary>
public sealed record Nearby(Feature Feature, double DistanceMetres);
