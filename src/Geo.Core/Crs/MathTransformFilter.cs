using ProjNet.CoordinateSystems.Transformations;

namespace Geo.Core.Crs;

/// <summary>Applies a ProjNET transform to every coordinate of an NTS geometry in place.</summary>
internal sealed class MathTransformFilter(MathTransform transform) : IEntireCoordinateSequenceFilter
{
    public bool Done => false;

    public bool GeometryChanged => true;

    public void Filter(CoordinateSequence seq)
    {
        for (var i = 0; i < seq.Count; i++)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
