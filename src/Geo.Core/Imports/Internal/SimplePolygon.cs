using NetTopologySuite.Algorithm;

namespace Geo.Core.Imports.Internal;

/// <summary>
/// A quick proof that a polygon of one small ring and no hole, as nearly every parcel is, is valid: finite coordinates,
/// a closed ring of at least four distinct points, and no two of its edges meeting except neighbours at their shared
/// vertex. <c>IsValid</c> (NTS <c>IsValidOp</c>) builds a topology graph for the same answer and cost ~1.3 s of CPU per
/// 1,000,000 parcels. Anything else, and any ring this finds crossing or touching itself, goes to <c>IsValid</c>, which
/// also says why.
/// </summary>
internal static class SimplePolygon
{
    /// <summary>Rings of more points go to <c>IsValid</c>: this test compares every pair of edges.</summary>
    private const int MostPoints = 32;

    public static bool IsKnownValid(Geometry geometry)
    {
        var polygon = geometry switch
        {
            Polygon p => p,
            MultiPolygon { NumGeometries: 1 } m => (Polygon)m.GetGeometryN(0),
            _ => null,
        };
        if (polygon is null || polygon.NumInteriorRings > 0 || polygon.IsEmpty)
        {
            return false;
        }

        var ring = polygon.ExteriorRing.CoordinateSequence;
        var points = ring.Count;
        if (points < 4 || points > MostPoints || !ring.GetCoordinate(0).Equals2D(ring.GetCoordinate(points - 1)))
        {
            return false;
        }

        var coordinates = new Coordinate[points];
        for (var i = 0; i < points; i++)
        {
            coordinates[i] = ring.GetCoordinate(i);
            // A repeated point makes an edge of no length, whose neighbours are not what the test below expects.
            if (!double.IsFinite(coordinates[i].X) || !double.IsFinite(coordinates[i].Y) || (i > 0 && coordinates[i].Equals2D(coordinates[i - 1])))
            {
                return false;
            }
        }

        var edges = points - 1;
        var intersector = new RobustLineIntersector();
        for (var i = 0; i < edges; i++)
        {
            for (var j = i + 1; j < edges; j++)
            {
                intersector.ComputeIntersection(coordinates[i], coordinates[i + 1], coordinates[j], coordinates[j + 1]);
                var neighbours = j == i + 1 || (i == 0 && j == edges - 1);
                // Neighbours always share their vertex; they may not overlap along a line. Other edges may not meet at all.
                if (neighbours ? intersector.IntersectionNum == LineIntersector.CollinearIntersection : intersector.HasIntersection)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
