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
        AreaOfUse = areaOfUse ?? new Envelope(-180, 180, -90, 90);
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

    /// <summary>
    /// Decimals written in output: 7 for degrees (1e-7° is about 1 cm, finer than any source of this data), 3 for the
    /// projected CRSs' metres (a millimetre). More digits would only be noise of the transform and bytes on the wire.
    /// </summary>
    public int Decimals => _fromStorage is null ? 7 : 3;

    /// <summary>Where coordinates of this CRS can be transformed (x = easting or longitude); outside it, transforms diverge.</summary>
    public Envelope Bounds { get; }

    /// <summary>
    /// Where the CRS may be used (EPSG's area of use, longitude/latitude): a coordinate that transforms into storage
    /// outside it is refused, since figures measured there cannot be true (a "4545" polygon near the pole).
    /// </summary>
    public Envelope AreaOfUse { get; }

    /// <summary>Whether storage coordinates are this CRS's without a transform (in <see cref="FirstAxisIsNorthing"/>'s axis order).</summary>
    public bool KeepsStorageCoordinates => _fromStorage is null;

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

        var result = Transform(geometry, swapBefore: FirstAxisIsNorthing);
        if (OutsideAreaOfUse(result) is { } unusable)
        {
            throw new Filters.FilterException($"{unusable}; check the CRS and the axis order");
        }

        return result;
    }

    /// <summary>
    /// Says which coordinate of a storage geometry (transformed from this CRS) lies outside the area of use, or is not a
    /// number, or null when all are usable: figures measured there cannot be true.
    /// </summary>
    public string? OutsideAreaOfUse(Geometry storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var unusable = storage.Coordinates.FirstOrDefault(c => !AreaOfUse.Contains(c.X, c.Y) || !double.IsFinite(c.X) || !double.IsFinite(c.Y));
        return unusable is null
            ? null
            : $"the coordinate (longitude {unusable.X}, latitude {unusable.Y}) lies outside the area of use of {Title} "
                + $"(longitude {AreaOfUse.MinX} to {AreaOfUse.MaxX}, latitude {AreaOfUse.MinY} to {AreaOfUse.MaxY})";
    }

    /// <summary>Whether an easting (or longitude) / northing (or latitude) pair lies where this CRS can be transformed.</summary>
    public bool Covers(double easting, double northing) => Bounds.Contains(easting, northing);

    /// <summary>
    /// Turns a geometry whose x is the easting (or longitude), as files such as Shapefile and GeoPackage store it
    /// whatever the CRS's axis order, into storage coordinates; callers check <see cref="Covers"/> first.
    /// </summary>
    public Geometry EastingFirstToStorage(Geometry geometry) => Transform(geometry, swapBefore: false);

    private Geometry Transform(Geometry geometry, bool swapBefore)
    {
        var result = Apply(geometry, _toStorage, swapBefore: swapBefore);
        result.SRID = Cgcs2000.Srid;
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
