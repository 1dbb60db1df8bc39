using NetTopologySuite.Algorithm;

namespace Geo.Core.GisData;

/// <summary>
/// A quick proof that a polygon of one ring and no holes is valid, for the common parcel of a few vertices: NTS's
/// <c>IsValidOp</c> was the largest single cost of the embedded store's first start on a million parcels, and a large
/// share of an import's row checks. One proof for both, so they never disagree on what passes unchecked. The ring is valid when its
/// coordinates are finite, no vertex repeats the one before it, every two neighbouring edges turn (not collinear, so
/// they meet only at their vertex) and every two other edges lie strictly apart (each has both ends of the other on one
/// side of it). The side tests are NTS's exact orientation predicate, so "apart" is never a rounding accident. Anything
/// else (a touch, a collinear turn, a repeated point, a long ring) is not decided here: <see cref="IsValid"/> is false
/// and the caller runs <c>IsValidOp</c>, which gives the error message when there is one.
/// </summary>
public static class SimpleRing
{
    // The pairwise test grows with the square of the ring: longer rings go to IsValidOp, which indexes the edges.
    public const int MaxPositions = 64;

    /// <summary>
    /// True when <paramref name="geometry"/> is a polygon (or a multipolygon of one) with one ring, no holes, that
    /// <see cref="IsValid(ReadOnlySpan{double})"/> proves simple. False means "not decided here": run <c>IsValidOp</c>.
    /// </summary>
    public static bool IsKnownValid(Geometry geometry)
    {
        var polygon = geometry switch
        {
            Polygon p => p,
            MultiPolygon { NumGeometries: 1 } m => (Polygon)m.GetGeometryN(0),
            _ => null,
        };
        if (polygon is null || polygon.IsEmpty || polygon.NumInteriorRings > 0)
        {
            return false;
        }

        var ring = polygon.ExteriorRing.CoordinateSequence;
        if (ring.Count > MaxPositions)
        {
            return false;
        }

        Span<double> xy = stackalloc double[2 * ring.Count];
        for (var i = 0; i < ring.Count; i++)
        {
            (xy[2 * i], xy[2 * i + 1]) = (ring.GetX(i), ring.GetY(i));
        }

        return IsValid(xy);
    }

    /// <summary>True when the closed ring of x, y pairs in <paramref name="xy"/> (first position repeated last) is certainly simple.</summary>
    public static bool IsValid(ReadOnlySpan<double> xy)
    {
        var edges = xy.Length / 2 - 1;
        if (edges < 3 || edges + 1 > MaxPositions)
        {
            return false;
        }

        foreach (var value in xy)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        for (var i = 0; i < edges; i++)
        {
            // Edge i runs from position i to i + 1; the next edge wraps around to edge 0 at the end.
            var next = (i + 1) % edges;
            if (Same(xy, i, i + 1) || Orient(xy, i, i + 1, next + 1) == 0)
            {
                return false;
            }

            // Edges i and i + 1 are neighbours, and so are the last and the first.
            for (var j = i + 2; j < edges - (i == 0 ? 1 : 0); j++)
            {
                if (!Apart(xy, i, j))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Same(ReadOnlySpan<double> xy, int a, int b) => xy[2 * a] == xy[2 * b] && xy[2 * a + 1] == xy[2 * b + 1];

    /// <summary>Edges <paramref name="i"/> and <paramref name="j"/> certainly do not meet.</summary>
    private static bool Apart(ReadOnlySpan<double> xy, int i, int j) =>
        Orient(xy, i, i + 1, j) * Orient(xy, i, i + 1, j + 1) > 0 || Orient(xy, j, j + 1, i) * Orient(xy, j, j + 1, i + 1) > 0;

    /// <summary>Which side of the line from position <paramref name="p"/> to <paramref name="q"/> position <paramref name="r"/> lies on: 1, -1 or 0 on it.</summary>
    private static int Orient(ReadOnlySpan<double> xy, int p, int q, int r) =>
        CGAlgorithmsDD.OrientationIndex(xy[2 * p], xy[2 * p + 1], xy[2 * q], xy[2 * q + 1], xy[2 * r], xy[2 * r + 1]);
}
