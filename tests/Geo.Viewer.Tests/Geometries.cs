using NetTopologySuite.Geometries;

namespace Geo.Viewer.Tests;

/// <summary>GeoJSON coordinates (CGCS2000 lon/lat) into NTS geometries, for expectations the tests compute themselves.</summary>
internal static class Geometries
{
    public static Point Point(JsonElement coordinates) =>
        Cgcs2000.GeometryFactory.CreatePoint(new Coordinate(coordinates[0].GetDouble(), coordinates[1].GetDouble()));

    public static Polygon Polygon(JsonElement coordinates)
    {
        var rings = coordinates.EnumerateArray()
            .Select(ring => Cgcs2000.GeometryFactory.CreateLinearRing(ring.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble())).ToArray()))
            .ToList();
        return Cgcs2000.GeometryFactory.CreatePolygon(rings[0], rings.Skip(1).ToArray());
    }

    public static MultiPolygon MultiPolygon(JsonElement coordinates) =>
        Cgcs2000.GeometryFactory.CreateMultiPolygon(coordinates.EnumerateArray().Select(Polygon).ToArray());
}
