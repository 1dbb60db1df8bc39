namespace Geo.Core.Stores.InMemory;

/// <summary>
/// The geometries of a collection's rows packed into a few arrays: coordinates as x, y pairs in one
/// <see cref="double"/> array and each row's shape (kind, parts, ring sizes) as integers, so a million parcels cost
/// about 100 bytes each instead of the ~1 kB of NTS objects. Geometries are built again per request
/// (<see cref="Get"/>), equal coordinate for coordinate to what was packed. What does not fit the packing (Z or M
/// values, another geometry type) is kept as it is.
/// </summary>
internal sealed class PackedGeometries
{
    private const int None = 0;
    private const int PointShape = 1;
    private const int LineShape = 2;
    private const int MultiPolygonShape = 3;
    private const int Kept = 4;

    private readonly double[] _xy;
    private readonly int[] _shapes;
    private readonly int[] _xyStart;
    private readonly int[] _shapeStart;
    private readonly Geometry[] _kept;

    private PackedGeometries(double[] xy, int[] shapes, int[] xyStart, int[] shapeStart, Geometry[] kept)
    {
        _xy = xy;
        _shapes = shapes;
        _xyStart = xyStart;
        _shapeStart = shapeStart;
        _kept = kept;
    }

    /// <summary>Packs geometries one at a time, in row order.</summary>
    public sealed class Builder
    {
        private readonly List<double> _xy = [];
        private readonly List<int> _shapes = [];
        private readonly List<Geometry> _kept = [];
        private readonly List<int> _xyStart = [];
        private readonly List<int> _shapeStart = [];

        public void Add(Geometry? geometry)
        {
            _xyStart.Add(_xy.Count);
            _shapeStart.Add(_shapes.Count);
            switch (geometry)
            {
                case null:
                    _shapes.Add(None);
                    break;
                case var g when !Flat(g):
                    Keep(g);
                    break;
                case Point p:
                    _shapes.Add(PointShape);
                    Add(p.CoordinateSequence);
                    break;
                case LineString line when line is not LinearRing:
                    _shapes.Add(LineShape);
                    _shapes.Add(line.NumPoints);
                    Add(line.CoordinateSequence);
                    break;
                case MultiPolygon multi:
                    _shapes.Add(MultiPolygonShape);
                    _shapes.Add(multi.NumGeometries);
                    for (var p = 0; p < multi.NumGeometries; p++)
                    {
                        var polygon = (Polygon)multi.GetGeometryN(p);
                        _shapes.Add(polygon.NumInteriorRings + 1);
                        AddRing(polygon.Shell);
                        foreach (var hole in polygon.Holes)
                        {
                            AddRing(hole);
                        }
                    }

                    break;
                case var other:
                    Keep(other);
                    break;
            }
        }

        /// <summary>Adds a MultiPolygon already in packed form (<see cref="PackedFeature"/>), without an NTS geometry.</summary>
        public void AddMultiPolygon(ReadOnlySpan<double> xy, ReadOnlySpan<int> polygons)
        {
            // The shape must account for every coordinate, or the rows after this one would be read wrong.
            var (at, positions) = (1, 0);
            for (var p = 0; p < polygons[0]; p++)
            {
                var rings = polygons[at++];
                for (var r = 0; r < rings; r++)
                {
                    positions += polygons[at++];
                }
            }

            if (at != polygons.Length || positions * 2 != xy.Length)
            {
                throw new ArgumentException($"the shape holds {positions} positions in {at} numbers, not {xy.Length / 2} in {polygons.Length}", nameof(polygons));
            }

            _xyStart.Add(_xy.Count);
            _shapeStart.Add(_shapes.Count);
            _shapes.Add(MultiPolygonShape);
            _shapes.AddRange(polygons);
            _xy.AddRange(xy);
        }

        public PackedGeometries Build() => new([.. _xy], [.. _shapes], [.. _xyStart], [.. _shapeStart], [.. _kept]);

        private void Keep(Geometry geometry)
        {
            _shapes.Add(Kept);
            _shapes.Add(_kept.Count);
            _kept.Add(geometry);
        }

        private void AddRing(LinearRing ring)
        {
            _shapes.Add(ring.NumPoints);
            Add(ring.CoordinateSequence);
        }

        private void Add(CoordinateSequence sequence)
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                _xy.Add(sequence.GetX(i));
                _xy.Add(sequence.GetY(i));
            }
        }
    }

    /// <summary>True when every geometry is packed (none kept as an NTS object), so the arrays say everything: what a snapshot needs.</summary>
    public bool AllPacked => _kept.Length == 0;

    /// <summary>The arrays, for a snapshot; only when <see cref="AllPacked"/>.</summary>
    public void Write(SnapshotWriter writer)
    {
        if (!AllPacked)
        {
            throw new InvalidOperationException("geometries kept as NTS objects have no snapshot form");
        }

        writer.WriteArray(_xy);
        writer.WriteArray(_shapes);
        writer.WriteArray(_xyStart);
        writer.WriteArray(_shapeStart);
    }

    public static PackedGeometries Read(SnapshotReader reader)
    {
        var geometries = new PackedGeometries(reader.ReadArray<double>(), reader.ReadArray<int>(), reader.ReadArray<int>(), reader.ReadArray<int>(), []);
        if (geometries._xyStart.Length != geometries._shapeStart.Length)
        {
            throw new InvalidDataException("the snapshot's geometry offsets disagree");
        }

        return geometries;
    }

    /// <summary>How many rows there are.</summary>
    public int Count => _xyStart.Length;

    /// <summary>The geometry of <paramref name="row"/>, built anew (callers may keep or change it).</summary>
    public Geometry? Get(int row)
    {
        var s = _shapeStart[row];
        var at = _xyStart[row];
        var factory = Cgcs2000.GeometryFactory;
        switch (_shapes[s])
        {
            case None:
                return null;
            case PointShape:
                return factory.CreatePoint(new Coordinate(_xy[at], _xy[at + 1]));
            case LineShape:
                return factory.CreateLineString(Coordinates(_xy, ref at, _shapes[s + 1]));
            case MultiPolygonShape:
                return MultiPolygon(_xy.AsSpan(at), _shapes.AsSpan(s + 1));
            default:
                return _kept[_shapes[s + 1]].Copy();
        }
    }

    /// <summary>The bounding box of <paramref name="row"/>'s geometry without building it; null when it has none.</summary>
    public Envelope? EnvelopeOf(int row)
    {
        Span<double> box = stackalloc double[4];
        return Bounds(row, box) ? new Envelope(box[0], box[2], box[1], box[3]) : null;
    }

    /// <summary>
    /// The bounding box of <paramref name="row"/>'s geometry into <paramref name="box"/> (min x, min y, max x, max y),
    /// allocating nothing; false when it has none.
    /// </summary>
    public bool Bounds(int row, Span<double> box)
    {
        var kind = _shapes[_shapeStart[row]];
        if (kind == None)
        {
            return false;
        }

        if (kind == Kept)
        {
            var envelope = _kept[_shapes[_shapeStart[row] + 1]].EnvelopeInternal;
            (box[0], box[1], box[2], box[3]) = (envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY);
            return true;
        }

        // Compared as Envelope.ExpandToInclude compares, so the box is the one NTS gives (a packed row has a position).
        var start = _xyStart[row];
        var end = row + 1 < _xyStart.Length ? _xyStart[row + 1] : _xy.Length;
        var (minX, minY, maxX, maxY) = (_xy[start], _xy[start + 1], _xy[start], _xy[start + 1]);
        for (var i = start + 2; i < end; i += 2)
        {
            minX = _xy[i] < minX ? _xy[i] : minX;
            maxX = _xy[i] > maxX ? _xy[i] : maxX;
            minY = _xy[i + 1] < minY ? _xy[i + 1] : minY;
            maxY = _xy[i + 1] > maxY ? _xy[i + 1] : maxY;
        }

        (box[0], box[1], box[2], box[3]) = (minX, minY, maxX, maxY);
        return true;
    }

    /// <summary>
    /// The MultiPolygon whose coordinates begin <paramref name="xy"/> and whose shape begins <paramref name="polygons"/>
    /// (the number of polygons, then each one's number of rings and each ring's number of positions).
    /// </summary>
    internal static MultiPolygon MultiPolygon(ReadOnlySpan<double> xy, ReadOnlySpan<int> polygons)
    {
        var factory = Cgcs2000.GeometryFactory;
        var (s, at) = (0, 0);
        var parts = new Polygon[polygons[s]];
        for (var p = 0; p < parts.Length; p++)
        {
            var rings = polygons[++s];
            var shell = factory.CreateLinearRing(Coordinates(xy, ref at, polygons[++s]));
            var holes = new LinearRing[rings - 1];
            for (var h = 0; h < holes.Length; h++)
            {
                holes[h] = factory.CreateLinearRing(Coordinates(xy, ref at, polygons[++s]));
            }

            parts[p] = factory.CreatePolygon(shell, holes);
        }

        return factory.CreateMultiPolygon(parts);
    }

    private static Coordinate[] Coordinates(ReadOnlySpan<double> xy, ref int at, int count)
    {
        var coordinates = new Coordinate[count];
        for (var i = 0; i < count; i++, at += 2)
        {
            coordinates[i] = new Coordinate(xy[at], xy[at + 1]);
        }

        return coordinates;
    }

    /// <summary>Two-dimensional in EPSG:4490 with nothing but x and y: what packing keeps exactly.</summary>
    private static bool Flat(Geometry geometry)
    {
        if (geometry.SRID != Cgcs2000.Srid || geometry.IsEmpty)
        {
            return false;
        }

        // Visits each part's coordinates where they are: Geometry.Coordinates copies them all into a new array.
        var filter = new FlatFilter();
        geometry.Apply(filter);
        return filter.Flat;
    }

    private sealed class FlatFilter : ICoordinateSequenceFilter
    {
        public bool Flat { get; private set; } = true;

        public bool Done => !Flat;

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq, int i)
        {
            var c = seq.GetCoordinate(i);
            Flat = double.IsNaN(c.Z) && double.IsNaN(c.M);
        }
    }
}
