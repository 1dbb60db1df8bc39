using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems.Transformations;

namespace Geo.Core.Crs;

/// <summary>
/// A CRS the service accepts and answers in. <see cref="FirstAxisIsNorthing"/> follows the EPSG axis order that
/// OGC API – Features Part 2 requires (EPSG:4326 and 4490 latitude first, EPSG:4545 northing first; CRS84 and
/// EPSG:3857 stay x/easting first).
/// </summary>
public sealed class CrsDefinition
{
    private readonly MathTransform? _fromStorage;
    private readonly MathTransform? _toStorage;

    internal CrsDefinition(string uri, int? epsg, string title, bool firstAxisIsNorthing, MathTransform? fromStorage, Envelope bounds, Envelope? areaOfUse = null)
    {
        Bounds = bounds;
        AreaOfUse = areaOfUse;
        Uri = uri;
        Epsg = epsg;
        Title = title;
        FirstAxisIsNorthing = firstAxisIsNorthing;
        _fromStorage = fromStorage;
        _toStorage = fromStorage?.Inverse();
    }

    public string Uri { get; }

    public int? Epsg { get; }

    public string Title { get; }

    public bool FirstAxisIsNorthing { get; }

    /// <summary>Where coordinates of this CRS can be transformed (x = easting or longitude); outside it, transforms diverge.</summary>
    public Envelope Bounds { get; }

    /// <summary>
    /// Where the CRS is meant to be used, in lon/lat (EPSG's area of use); null for the world. A projected coordinate
    /// outside it transforms to some longitude and latitude, but areas and distances there are far from true.
    /// </summary>
    public Envelope? AreaOfUse { get; }

    /// <summary>Turns a storage geometry (EPSG:4490, x = longitude) into this CRS, in its axis order.</summary>
    public Geometry FromStorage(Geometry geometry) => Apply(geometry, _fromStorage, swapAfter: FirstAxisIsNorthing);

    /// <summary>
    /// Turns a geometry a client wrote in this CRS's axis order (a CQL2 literal, a bbox outline) into storage
    /// coordinates (x = longitude); refuses one over <see cref="InputLimits.MaxVertices"/> or outside the area of use.
    /// </summary>
    public Geometry ToStorage(Geometry geometry)
    {
        InputLimits.CheckVertices(geometry, "filter");
        var outside = geometry.Coordinates.FirstOrDefault(c =>
            !Bounds.Contains(FirstAxisIsNorthing ? c.Y : c.X, FirstAxisIsNorthing ? c.X : c.Y));
        if (outside is not null)
        {
            throw new Filters.FilterException($"the coordinate ({outside.X}, {outside.Y}) lies outside {Title}; check the CRS and the axis order");
        }

        var result = Apply(geometry, _toStorage, swapBefore: FirstAxisIsNorthing);
        result.SRID = Cgcs2000.Srid;
        if (AreaOfUse is { } area && !area.Contains(result.EnvelopeInternal))
        {
            throw new Filters.FilterException($"the geometry reaches outside the area of use of {Title} (longitude {area.MinX}–{area.MaxX}, latitude {area.MinY}–{area.MaxY}); "
                + "check the CRS and the axis order");
        }

        return result;
    }

    private static Geometry Apply(Geometry geometry, MathTransform? transform, bool swapBefore = false, bool swapAfter = false)
    {
        if (transform is null && !swapBefore && !swapAfter)
        {
            return geometry;
        }

        var copy = geometry.Copy();
        copy.Apply(new AxisFilter(transform, swapBefore, swapAfter));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class AxisFilter(MathTransform? transform, bool swapBefore, bool swapAfter) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = swapBefore ? (seq.GetY(i), seq.GetX(i)) : (seq.GetX(i), seq.GetY(i));
                if (transform is not null)
                {
                    (x, y) = transform.Transform(x, y);
                }

                if (swapAfter)
                {
                    (x, y) = (y, x);
                }

                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
