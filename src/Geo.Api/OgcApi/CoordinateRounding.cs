namespace Geo.Api.OgcApi;

/// <summary>
/// Rounds output coordinates to a number of decimals, so that JSON (which writes the shortest form that reads back)
/// carries at most that many and drops trailing zeros.
/// </summary>
internal static class CoordinateRounding
{
    /// <param name="shared">True when <paramref name="geometry"/> is the store's own instance, which must not change.</param>
    public static Geometry Round(Geometry geometry, int decimals, bool shared)
    {
        var output = shared ? geometry.Copy() : geometry;
        output.Apply(new RoundingFilter(decimals));
        output.GeometryChanged();
        return output;
    }

    private sealed class RoundingFilter(int decimals) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Math.Round(seq.GetX(i), decimals, MidpointRounding.AwayFromZero));
                seq.SetY(i, Math.Round(seq.GetY(i), decimals, MidpointRounding.AwayFromZero));
            }
        }
    }
}
