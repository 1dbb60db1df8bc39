using System.Collections;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Geo.Core.Synthetic;

/// <summary>A township's code and the point its parcels are named after (the nearest one names a parcel).</summary>
public sealed record TownshipSeat(string Code, Point Position);

/// <summary>
/// Synthetic land parcels for benchmarks and tests (<c>generate-parcels</c>): exactly <see cref="Count"/> parcels that
/// tile the district outline with no gap and no overlap, the same for the same count and seed. A <see cref="ParcelGrid"/>
/// of irregular quadrilaterals covers the outline; cells wholly inside are parcels as they are, cells across the outline
/// are cut by it (snapped to 7 decimals, as neighbours cut the same way), and the surplus over the count is taken up by
/// joining that many pairs of neighbouring inner cells, spread evenly. Each parcel gets a 三调 class of the catalog drawn
/// in patches (<see cref="LandUseMix"/>), the code of the nearest township seat, its EPSG:4545 area in m² (2 decimals, as
/// gis-data stores it) and honesty properties saying it is generated: <c>schematic</c>, <c>illustrative</c>.
/// </summary>
public sealed class ParcelGenerator
{
    public const int MinCount = 100;

    /// <summary>The grid's vertices take about 80 bytes of memory per parcel.</summary>
    public const int MaxCount = 5_000_000;

    /// <summary>About the size of a patch of one class (fields, a wood, a village), in metres.</summary>
    private const double PatchMetres = 700;

    /// <summary>Share of parcels that take their patch's class rather than one of their own.</summary>
    private const double PatchShare = 0.7;

    /// <summary>
    /// Where the outline only grazes a cell, the piece inside can be a sliver of a few cm²; pieces under this are left
    /// out (a parcel needs an area of 0.01 m² or more, and such a gap is below the outline's own precision).
    /// </summary>
    private const double MinPieceSquareMetres = 1;

    private const int BlockCells = 16;
    private const byte Outside = 0;
    private const byte Inside = 1;
    private const byte Cut = 2;

    private static readonly PrecisionModel SevenDecimals = new(1e7);

    private readonly Geometry _district;
    private readonly IPreparedGeometry _prepared;
    private readonly (string Code, double X, double Y)[] _seats;
    private readonly LandUseMix _mix = new();
    private ParcelGrid _grid = null!;
    private byte[] _cells = [];
    private Dictionary<long, MultiPolygon> _cut = [];
    private BitArray _joined = new(0);

    public ParcelGenerator(Geometry district, IReadOnlyList<TownshipSeat> seats, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(seats);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, MinCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        if (seats.Count == 0)
        {
            throw new ArgumentException("parcels are named after the nearest township seat: give at least one", nameof(seats));
        }

        _district = district;
        _prepared = PreparedGeometryFactory.Prepare(district);
        _seats = seats.Select(s =>
        {
            var (x, y) = GaussKruger108.ForwardTransform.Transform(s.Position.X, s.Position.Y);
            return (s.Code, x, y);
        }).ToArray();
        Count = count;
        Seed = seed;
        // Short, as it is repeated on every parcel of a million; README and gis-data/README say the rest.
        Source = $"generate-parcels --count {count} --seed {seed}: synthetic tessellation of the district, random 三调 classes; not land-use data";
        Plan();
    }

    public int Count { get; }

    public long Seed { get; }

    /// <summary>The <c>source</c> every generated parcel carries.</summary>
    public string Source { get; }

    public int Columns => _grid.Columns;

    public int Rows => _grid.Rows;

    /// <summary>The side of a grid cell in metres, roughly.</summary>
    public double CellMetres => _grid.CellMetres;

    /// <summary>Cells the district outline cuts (those parcels are the part of the cell inside).</summary>
    public int CutCells => _cut.Count;

    /// <summary>Pairs of neighbouring cells joined into one parcel to make the count exact.</summary>
    public int JoinedPairs { get; private set; }

    /// <summary>The parcels with ids 1 … <see cref="Count"/>, south to north, west to east, made as they are read.</summary>
    /// <param name="progress">Told the number of parcels made so far, every 10,000 and at the end.</param>
    public IEnumerable<Feature> Generate(IProgress<int>? progress = null)
    {
        var id = 0;
        for (var j = 0; j < _grid.Rows; j++)
        {
            for (var i = 0; i < _grid.Columns; i++)
            {
                var cell = _grid.Cell(i, j);
                if (_cells[cell] == Outside)
                {
                    continue;
                }

                var width = _joined[(int)cell] ? 2 : 1;
                var (area, x, y) = _grid.Measure(i, j, width);
                Geometry geometry;
                if (_cells[cell] == Cut)
                {
                    geometry = _cut[cell];
                    area = GaussKruger108.AreaOf(geometry).SquareMetres;
                }
                else
                {
                    geometry = Cgcs2000.GeometryFactory.CreateMultiPolygon([_grid.Polygon(i, j, width)]);
                }

                id++;
                yield return new Feature(id, geometry, Properties(i, j, cell, Math.Round(area, 2), x, y));
                if (id % 10_000 == 0 || id == Count)
                {
                    progress?.Report(id);
                }

                i += width - 1;
            }
        }
    }

    private Dictionary<string, object?> Properties(int i, int j, long cell, double area, double x, double y)
    {
        var (township, metres) = NearestSeat(x, y);
        var patch = Math.Max(1, (int)Math.Round(PatchMetres / _grid.CellMetres));
        var patchRow = j / patch;
        // Patches in a row are shifted by a random part of a patch, like courses of bricks, so their edges do not line up.
        var patchColumn = (i + (int)(StableHash.Unit(patchRow, 0, Seed, 5) * patch)) / patch;
        var u = StableHash.Unit(cell, 0, Seed, 2) < PatchShare
            ? StableHash.Unit(patchColumn, patchRow, Seed, 3)
            : StableHash.Unit(cell, 1, Seed, 4);
        var landUse = _mix.Pick(u, metres < LandUseMix.TownRadiusMetres);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["land_use_code"] = landUse.Code,
            ["land_use"] = landUse.TitleZh,
            ["area_m2"] = area,
            ["township_code"] = township,
            ["zone_id"] = null,
            ["source"] = Source,
            ["location_precision"] = "schematic",
            ["illustrative"] = true,
        };
    }

    private (string Code, double Metres) NearestSeat(double x, double y)
    {
        var best = 0;
        var bestSquared = double.MaxValue;
        for (var k = 0; k < _seats.Length; k++)
        {
            var squared = ((_seats[k].X - x) * (_seats[k].X - x)) + ((_seats[k].Y - y) * (_seats[k].Y - y));
            if (squared < bestSquared)
            {
                (best, bestSquared) = (k, squared);
            }
        }

        return (_seats[best].Code, Math.Sqrt(bestSquared));
    }

    /// <summary>
    /// Finds a grid with at least <see cref="Count"/> cells on the district and few enough over it to join pairs of inner
    /// cells for the rest; the cell count is corrected by the ratio found, a few times at most.
    /// </summary>
    private void Plan()
    {
        var cells = (double)Count;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            // The grid covers the envelope; only the district's share of it becomes parcels.
            _grid = new ParcelGrid(_district.EnvelopeInternal, cells * _district.EnvelopeInternal.Area / _district.Area, Seed);
            var onDistrict = Classify();
            var surplus = onDistrict - Count;
            if (surplus >= 0 && ChooseJoins(surplus))
            {
                return;
            }

            cells *= surplus < 0 ? (Count * 1.002 / onDistrict) + (1.0 / Count) : Count * 0.98 / onDistrict;
        }

        throw new InvalidOperationException($"no grid over the district gives {Count} parcels; try another count");
    }

    /// <summary>Marks each cell outside, inside or cut by the outline (keeping the cut shape); returns the cells on the district.</summary>
    private long Classify()
    {
        _cells = new byte[(long)_grid.Columns * _grid.Rows];
        _cut = [];
        long onDistrict = 0;
        for (var bj = 0; bj < _grid.Rows; bj += BlockCells)
        {
            for (var bi = 0; bi < _grid.Columns; bi += BlockCells)
            {
                var (i1, j1) = (Math.Min(bi + BlockCells, _grid.Columns), Math.Min(bj + BlockCells, _grid.Rows));
                var block = Cgcs2000.GeometryFactory.ToGeometry(_grid.Block(bi, bj, i1, j1));
                if (!_prepared.Intersects(block))
                {
                    continue;
                }

                var whole = _prepared.Contains(block);
                for (var j = bj; j < j1; j++)
                {
                    for (var i = bi; i < i1; i++)
                    {
                        var state = whole ? Inside : ClassifyCell(i, j);
                        _cells[_grid.Cell(i, j)] = state;
                        onDistrict += state == Outside ? 0 : 1;
                    }
                }
            }
        }

        return onDistrict;
    }

    private byte ClassifyCell(int i, int j)
    {
        var quad = _grid.Polygon(i, j, 1);
        if (_prepared.Contains(quad))
        {
            return Inside;
        }

        if (!_prepared.Intersects(quad))
        {
            return Outside;
        }

        var polygons = PolygonExtracter.GetPolygons(OverlayNG.Overlay(quad, _district, SpatialFunction.Intersection, SevenDecimals))
            .Cast<Polygon>().Where(p => GaussKruger108.AreaOf(p).SquareMetres >= MinPieceSquareMetres).Select(CounterClockwise).ToArray();
        if (polygons.Length == 0)
        {
            return Outside;
        }

        _cut[_grid.Cell(i, j)] = Cgcs2000.GeometryFactory.CreateMultiPolygon(polygons);
        return Cut;
    }

    /// <summary>
    /// Picks <paramref name="surplus"/> pairs of side-by-side inner cells, evenly spaced among all such pairs in reading
    /// order, to be joined into one parcel each; false when there are not that many pairs.
    /// </summary>
    private bool ChooseJoins(long surplus)
    {
        var pairs = new List<long>();
        for (var j = 0; j < _grid.Rows; j++)
        {
            for (var i = 0; i + 1 < _grid.Columns; i++)
            {
                if (_cells[_grid.Cell(i, j)] == Inside && _cells[_grid.Cell(i + 1, j)] == Inside)
                {
                    pairs.Add(_grid.Cell(i, j));
                    i++;
                }
            }
        }

        if (surplus > pairs.Count)
        {
            return false;
        }

        _joined = new BitArray(_cells.Length);
        JoinedPairs = (int)surplus;
        for (var k = 0; k < pairs.Count; k++)
        {
            if ((k + 1) * surplus / pairs.Count > k * surplus / pairs.Count)
            {
                _joined[(int)pairs[k]] = true;
            }
        }

        return true;
    }

    /// <summary>gis-data's ring order (RFC 7946): exterior counter-clockwise, holes clockwise.</summary>
    private static Polygon CounterClockwise(Polygon polygon)
    {
        var shell = Orientation.IsCCW(polygon.Shell.CoordinateSequence) ? polygon.Shell : (LinearRing)polygon.Shell.Reverse();
        var holes = polygon.Holes.Select(h => Orientation.IsCCW(h.CoordinateSequence) ? (LinearRing)h.Reverse() : h).ToArray();
        return Cgcs2000.GeometryFactory.CreatePolygon(shell, holes);
    }
}
