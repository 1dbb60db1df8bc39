namespace Geo.Core.Domain;

/// <summary>The geometry a collection holds. Polygon collections store MultiPolygons so a feature may have several parts.</summary>
public enum GeometryKind
{
    /// <summary>A table of records without geometry (indicators, policies …).</summary>
    None,
    Point,
    LineString,
    MultiPolygon,
    /// <summary>Projects: a Point, or a (Multi)Polygon where the plan states an extent.</summary>
    PointOrPolygon,
}
