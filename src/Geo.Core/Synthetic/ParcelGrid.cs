namespace Geo.Core.Synthetic;

/// <summary>
/// An nc × nr grid over an envelope whose inner vertices are moved by a hash of their grid coordinates (up to ±0.3 of a
/// cell) and a gentle large-scale warp, rounded to 7 decimals (gis-data's precision). Neighbouring cells share their
/// vertices exactly, so the quadrilaterals tile the envelope with no gap and no overlap. Cells are about square in
/// metres. Vertices on the envelope's edges stay on them.
/// </summary>
internal sealed class ParcelGrid
{
    private const double Jitter = 0.6;

    private readonly double[] _x;
    private readonly double[] _y;

    // EPSG:4545 metres of each vertex, projected on first use (NaN until then): areas are measured there.
    private readonly double[] _easting;
    private readonly double[] _northing;

    public ParcelGrid(Envelope envelope, double cells, long seed)
    {
        // Metres per degree at the middle latitude: only the cells' shape depends on it.
        var kx = 111_320 * Math.Cos(envelope.Centre.Y * Math.PI / 180);
        const double ky = 110_900;
        var cellHeight = Math.Sqrt(envelope.Width * envelope.Height / cells * kx / ky);
        Columns = Math.Max(1, (int)Math.Ceiling(envelope.Width * kx / ky / cellHeight));
        Rows = Math.Max(1, (int)Math.Ceiling(envelope.Height / cellHeight));
        CellWidth = envelope.Width / Columns;
        CellHeight = envelope.Height / Rows;
        CellMetres = Math.Sqrt(CellWidth * kx * CellHeight * ky);

        // The warp moves a vertex by up to WarpCells cells, changing by at most ~0.1 cell from one vertex to the next,
        // so no cell folds over even on a coarse grid.
        WarpCells = 0.8 * Math.Min(1.0, Math.Min(Columns, Rows) / 100.0);
        _x = new double[(Columns + 1L) * (Rows + 1L)];
        _y = new double[_x.Length];
        _easting = new double[_x.Length];
        _northing = new double[_x.Length];
        Array.Fill(_easting, double.NaN);
        for (var j = 0; j <= Rows; j++)
        {
            for (var i = 0; i <= Columns; i++)
            {
                var dx = i == 0 || i == Columns ? 0 : Jitter * (StableHash.Unit(i, j, seed, 0) - 0.5)
                    + WarpCells * Math.Sin(Math.PI * i / Columns) * Math.Sin(4 * Math.PI * j / Rows + 3.0 * i / Columns);
                var dy = j == 0 || j == Rows ? 0 : Jitter * (StableHash.Unit(i, j, seed, 1) - 0.5)
                    + WarpCells * Math.Sin(Math.PI * j / Rows) * Math.Sin(6 * Math.PI * i / Columns + 2.0 * j / Rows);
                var v = Vertex(i, j);
                _x[v] = Math.Round((envelope.MinX + CellWidth * (i + dx)) * 1e7) / 1e7;
                _y[v] = Math.Round((envelope.MinY + CellHeight * (j + dy)) * 1e7) / 1e7;
            }
        }

        MinX = envelope.MinX;
        MinY = envelope.MinY;
    }

    public int Columns { get; }

    public int Rows { get; }

    public double CellWidth { get; }

    public double CellHeight { get; }

    /// <summary>The side of a cell in metres, roughly.</summary>
    public double CellMetres { get; }

    /// <summary>How far, in cells, the warp moves a vertex at most (the jitter adds up to 0.3).</summary>
    public double WarpCells { get; }

    public double MinX { get; }

    public double MinY { get; }

    public long Cell(int i, int j) => (long)j * Columns + i;

    public Coordinate At(int i, int j) => new(_x[Vertex(i, j)], _y[Vertex(i, j)]);

    /// <summary>The ring of cells i … i + width − 1 of row j, counter-clockwise, keeping the vertices between the cells.</summary>
    public Coordinate[] Ring(int i, int j, int width)
    {
        var ring = new Coordinate[2 * width + 3];
        var n = 0;
        for (var k = 0; k <= width; k++)
        {
            ring[n++] = At(i + k, j);
        }

        for (var k = width; k >= 0; k--)
        {
            ring[n++] = At(i + k, j + 1);
        }

        ring[n] = ring[0].Copy();
        return ring;
    }

    /// <summary>The envelope of cells [i0, i1) × [j0, j1), grown by how far their vertices can move.</summary>
    public Envelope Block(int i0, int j0, int i1, int j1)
    {
        var margin = WarpCells + Jitter / 2 + 0.01;
        return new Envelope(
            MinX + CellWidth * (i0 - margin), MinX + CellWidth * (i1 + margin),
            MinY + CellHeight * (j0 - margin), MinY + CellHeight * (j1 + margin));
    }

    /// <summary>The EPSG:4545 area of cells i … i + width − 1 of row j (shoelace over the projected vertices), and their centre in metres.</summary>
    public (double SquareMetres, double CentreX, double CentreY) Measure(int i, int j, int width)
    {
        double twiceArea = 0, sumX = 0, sumY = 0;
        var corners = 2 * width + 2;
        var (x0, y0) = Projected(i, j);
        var (px, py) = (x0, y0);
        for (var k = 1; k <= corners; k++)
        {
            var (x, y) = k == corners ? (x0, y0) : RingVertex(i, j, width, k);
            twiceArea += px * y - x * py;
            sumX += px;
            sumY += py;
            (px, py) = (x, y);
        }

        return (twiceArea / 2, sumX / corners, sumY / corners);
    }

    public Polygon Polygon(int i, int j, int width) =>
        Cgcs2000.GeometryFactory.CreatePolygon(Ring(i, j, width));

    private long Vertex(int i, int j) => (long)j * (Columns + 1) + i;

    /// <summary>The k-th corner of <see cref="Ring"/>, projected.</summary>
    private (double X, double Y) RingVertex(int i, int j, int width, int k) =>
        k <= width ? Projected(i + k, j) : Projected(i + 2 * width + 1 - k, j + 1);

    private (double X, double Y) Projected(int i, int j)
    {
        var v = Vertex(i, j);
        if (double.IsNaN(_easting[v]))
        {
            (_easting[v], _northing[v]) = GaussKruger108.ForwardTransform.Transform(_x[v], _y[v]);
        }

        return (_easting[v], _northing[v]);
    }
}
