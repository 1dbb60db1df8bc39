using System.Diagnostics;

namespace Geo.Core.GisData;

/// <summary>Which geometry types each collection accepts, and how they are stored (polygons always as MultiPolygons).</summary>
public static class GeometryRules
{
    public static Geometry Normalise(GeometryKind kind, Geometry geometry, out string? error)
    {
        error = null;
        geometry.SRID = Crs.Cgcs2000.Srid;
        switch (kind)
        {
            case GeometryKind.Point when geometry is Point:
            case GeometryKind.LineString when geometry is LineString:
            case GeometryKind.MultiPolygon when geometry is MultiPolygon:
            case GeometryKind.PointOrPolygon when geometry is Point or MultiPolygon:
                return geometry;
            case GeometryKind.MultiPolygon or GeometryKind.PointOrPolygon when geometry is Polygon polygon:
                return Crs.Cgcs2000.GeometryFactory.CreateMultiPolygon([polygon]);
            default:
                error = $"geometry must be {Describe(kind)}, found {geometry.GeometryType}";
                return geometry;
        }
    }

    public static string Describe(GeometryKind kind) => kind switch
    {
        GeometryKind.Point => "a Point",
        GeometryKind.LineString => "a LineString",
        GeometryKind.MultiPolygon => "a Polygon or MultiPolygon",
        GeometryKind.PointOrPolygon => "a Point, Polygon or MultiPolygon",
        GeometryKind.None => "absent",
        _ => throw new UnreachableException($"GeometryKind {kind} is not handled here"),
    };
}
