using NetTopologySuite.Algorithm;

namespace Geo.Api.GisData.Internal;

/// <summary>
/// A quick proof that a polygon of one ring and no holes is valid, for the common parcel of a few vertices: NTS's
/// <c>IsValidOp</c> was the largest single cost of the first start on a million parcels. The ring is valid when its
/// coordinates are finite, no vertex repeats the one before it, every two neighbouring edges turn (not collinear, so
/// they meet only at their vertex) and every two other edges lie strictly apart (each has both ends of the other on one
/// side of it). The side tests are NTS's exact orientation predicate, so "apart" is never a rounding accident. Anything
/// else (a touch, a collinear turn, a repeated point, a long ring) is not decided here: <see cref="IsValid"/> is false
/// and the caller runs <c>IsValidOp</c>, which gives the error message when there is one.
/// </summary>
internal static class PlainRing
{
    // The pairwise test grows with the square of the ring: longer rings go to IsValidOp, which indexes the edges.
    public const int MaxPositions = 64;

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
