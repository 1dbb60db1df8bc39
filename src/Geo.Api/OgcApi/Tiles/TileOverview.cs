using NetTopologySuite.Features;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.VectorTiles;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// A collection's generalised picture for tileMatrix 0–<see cref="TileGeneralisation.MaxZoom"/>, built once per data
/// version: per zoom, each occupied cell's class (most area) and whether it holds illustrative features; and the large
/// features in an R-tree. Drawing a tile from it reads at most 128 × 128 cells, whatever the collection's size. The
/// class areas per cell are kept too, so that an edit is patched in (<see cref="Patched"/>) by reading again only the
/// cells it changed, not the whole collection.
/// </summary>
internal sealed class TileOverview
{
    private static readonly GeometryFactory LonLat = new(new PrecisionModel(), 4490);

    /// <summary>
    /// The most finest cells a patch reads again (a block of 32 × 32, ~5 km square); a changed area over more is read
    /// whole, as at first.
    /// </summary>
    public const int MaxPatchedCells = 1024;

    private readonly CollectionDefinition _collection;

    /// <summary>Class index → class (0: none); shared with patched copies, which only ever append.</summary>
    private readonly Classes _classes;

    /// <summary>Per zoom, (cell key, class index) → the area of that class's features centred in the cell.</summary>
    private readonly Dictionary<(long Cell, int Class), double>[] _areas;

    /// <summary>Per zoom, the cells holding an illustrative feature.</summary>
    private readonly HashSet<long>[] _illustrative;

    /// <summary>Per zoom, cell key → class index × 2 + 1 when illustrative.</summary>
    private readonly Dictionary<long, int>[] _cells;

    private readonly STRtree<IFeature> _large = new();

    /// <summary>Largest first, then by id, as the sources read them.</summary>
    private readonly IReadOnlyList<LargeFeature> _largeFeatures;

    private TileOverview(CollectionDefinition collection, Classes classes, Dictionary<(long, int), double>[] areas, HashSet<long>[] illustrative, Dictionary<long, int>[] cells, IReadOnlyList<LargeFeature> large)
    {
        _collection = collection;
        _classes = classes;
        _areas = areas;
        _illustrative = illustrative;
        _cells = cells;
        _largeFeatures = large;
        foreach (var feature in large)
        {
            _large.Insert(feature.Feature.Geometry.EnvelopeInternal, feature.Feature);
        }

        _large.Build();
    }

    /// <summary>
    /// Whether every feature larger than a cell is drawn whole, with room for as many edits as a changed area may span
    /// (<see cref="TileGeneralisation.MaxLargeFeatures"/> less 1,000): then which features are drawn whole changes only
    /// where a feature changed. Past it, an edit anywhere may push another feature out of the list or into it.
    /// </summary>
    public bool HoldsEveryLargeFeature => _largeFeatures.Count + 1000 < TileGeneralisation.MaxLargeFeatures;

    /// <summary>How many cells are kept over every zoom (the overview's size).</summary>
    public long CellCount => _cells.Sum(c => (long)c.Count);

    public static TileOverview Build(CollectionDefinition collection, OverviewInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var classes = new Classes();
        var areas = new Dictionary<(long Cell, int Class), double>[TileGeneralisation.MaxZoom + 1];
        var illustrative = new HashSet<long>[TileGeneralisation.MaxZoom + 1];
        var finest = areas[TileGeneralisation.MaxZoom] = [];
        illustrative[TileGeneralisation.MaxZoom] = [];
        AddCells(input.Cells, finest, illustrative[TileGeneralisation.MaxZoom], classes);
        for (var zoom = TileGeneralisation.MaxZoom - 1; zoom >= 0; zoom--)
        {
            // Cells nest: a cell at zoom z holds the four at zoom z + 1 whose indices halve to it.
            var coarser = areas[zoom] = new Dictionary<(long Cell, int Class), double>(areas[zoom + 1].Count / 2);
            foreach (var ((cell, @class), area) in areas[zoom + 1])
            {
                var parent = Parent(cell);
                coarser[(parent, @class)] = coarser.GetValueOrDefault((parent, @class)) + area;
            }

            illustrative[zoom] = illustrative[zoom + 1].Select(Parent).ToHashSet();
        }

        var cells = new Dictionary<long, int>[TileGeneralisation.MaxZoom + 1];
        for (var zoom = 0; zoom <= TileGeneralisation.MaxZoom; zoom++)
        {
            cells[zoom] = Majority(areas[zoom], illustrative[zoom], classes);
        }

        return new TileOverview(collection, classes, areas, illustrative, cells, input.Large);
    }

    /// <summary>
    /// What an edit within <paramref name="changed"/> (lon/lat) may have changed here: the finest cells it overlaps and
    /// the large features within it, with a search box every feature centred in those cells meets (bounding boxes reach
    /// at most half the largest side from their centres); null when a patch would read more than
    /// <see cref="MaxPatchedCells"/> cells or the large features may not all be held, so the whole is read again.
    /// </summary>
    public OverviewArea? AreaOf(Envelope changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (!HoldsEveryLargeFeature)
        {
            return null;
        }

        var (west, east) = (TileGeneralisation.FinestColumn(changed.MinX), TileGeneralisation.FinestColumn(changed.MaxX));
        var (north, south) = (TileGeneralisation.FinestRow(changed.MaxY), TileGeneralisation.FinestRow(changed.MinY));
        if ((long)(east - west + 1) * (south - north + 1) > MaxPatchedCells)
        {
            return null;
        }

        var size = TileGeneralisation.CellMetres(TileGeneralisation.MaxZoom);
        // Half the longest side of any feature that may be centred there, and a cell besides for rounding.
        var reach = Math.Max(TileGeneralisation.LargeCells * size, _largeFeatures.Count == 0 ? 0 : _largeFeatures.Max(l => l.Side)) / 2 + size;
        var search = new Envelope(
            TileAddress.Longitude(Math.Max(-TileAddress.OriginShift, -TileAddress.OriginShift + west * size - reach)),
            TileAddress.Longitude(Math.Min(TileAddress.OriginShift, -TileAddress.OriginShift + (east + 1) * size + reach)),
            TileAddress.Latitude(Math.Max(-TileAddress.OriginShift, TileAddress.OriginShift - (south + 1) * size - reach)),
            TileAddress.Latitude(Math.Min(TileAddress.OriginShift, TileAddress.OriginShift - north * size + reach)));
        search.ExpandToInclude(changed);
        return new OverviewArea(west, north, east, south, changed, search);
    }

    /// <summary>
    /// A copy with the <paramref name="area"/> read again (<paramref name="input"/>, from the source's read of that
    /// area): its cells' class areas replaced and every coarser cell over them summed again from the four below, its
    /// large features replaced. The same picture as a whole read of the collection would build (the sums in another
    /// order: a tie between two classes' areas may fall the other way). Null when the large features would then no
    /// longer all be held (<see cref="HoldsEveryLargeFeature"/>), so the whole is read again.
    /// </summary>
    public TileOverview? Patched(OverviewArea area, OverviewInput input)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(input);
        var large = _largeFeatures.Where(l => !area.HoldsLarge(l.Box)).Concat(input.Large)
            .OrderByDescending(l => l.Side).ThenBy(l => l.Id).ToList();
        if (large.Count + 1000 >= TileGeneralisation.MaxLargeFeatures)
        {
            return null;
        }

        var classes = _classes.Copy();
        var areas = _areas.Select(a => new Dictionary<(long Cell, int Class), double>(a)).ToArray();
        var illustrative = _illustrative.Select(i => new HashSet<long>(i)).ToArray();
        var cells = _cells.Select(c => new Dictionary<long, int>(c)).ToArray();
        var touched = new HashSet<long>();
        for (var i = area.West; i <= area.East; i++)
        {
            for (var j = area.North; j <= area.South; j++)
            {
                var key = Key(i, j);
                touched.Add(key);
                for (var @class = 0; @class < classes.Count; @class++)
                {
                    areas[TileGeneralisation.MaxZoom].Remove((key, @class));
                }

                illustrative[TileGeneralisation.MaxZoom].Remove(key);
            }
        }

        AddCells(input.Cells.Where(c => area.Holds(c.I, c.J)), areas[TileGeneralisation.MaxZoom], illustrative[TileGeneralisation.MaxZoom], classes);
        for (var zoom = TileGeneralisation.MaxZoom; ; zoom--)
        {
            foreach (var cell in touched)
            {
                if (Best(cell, areas[zoom], classes) is { } best)
                {
                    cells[zoom][cell] = (best << 1) | (illustrative[zoom].Contains(cell) ? 1 : 0);
                }
                else
                {
                    cells[zoom].Remove(cell);
                }
            }

            if (zoom == 0)
            {
                break;
            }

            touched = touched.Select(Parent).ToHashSet();
            foreach (var parent in touched)
            {
                SumChildren(parent, areas[zoom], areas[zoom - 1], illustrative[zoom], illustrative[zoom - 1], classes.Count);
            }
        }

        return new TileOverview(_collection, classes, areas, illustrative, cells, large);
    }

    private static void AddCells(IEnumerable<OverviewCell> input, Dictionary<(long Cell, int Class), double> areas, HashSet<long> illustrative, Classes classes)
    {
        foreach (var cell in input)
        {
            var key = Key(cell.I, cell.J);
            var index = classes.IndexOf(cell.Class);
            areas[(key, index)] = areas.GetValueOrDefault((key, index)) + cell.Area;
            if (cell.Illustrative)
            {
                illustrative.Add(key);
            }
        }
    }

    /// <summary>A coarser cell's class areas and illustrative mark, from the four cells at the zoom below that it holds.</summary>
    private static void SumChildren(long parent, Dictionary<(long Cell, int Class), double> finer, Dictionary<(long Cell, int Class), double> coarser,
        HashSet<long> finerIllustrative, HashSet<long> coarserIllustrative, int classCount)
    {
        var (column, row) = (parent >> 32, (long)(uint)parent);
        long[] children = [Key(2 * column, 2 * row), Key(2 * column + 1, 2 * row), Key(2 * column, 2 * row + 1), Key(2 * column + 1, 2 * row + 1)];
        for (var @class = 0; @class < classCount; @class++)
        {
            var (sum, any) = (0.0, false);
            foreach (var child in children)
            {
                if (finer.TryGetValue((child, @class), out var area))
                {
                    (sum, any) = (sum + area, true);
                }
            }

            if (any)
            {
                coarser[(parent, @class)] = sum;
            }
            else
            {
                coarser.Remove((parent, @class));
            }
        }

        if (children.Any(finerIllustrative.Contains))
        {
            coarserIllustrative.Add(parent);
        }
        else
        {
            coarserIllustrative.Remove(parent);
        }
    }

    /// <summary>
    /// The tiles at <paramref name="zoom"/> holding a cell (below <see cref="TileGeneralisation.MaxZoom"/>'s: those
    /// holding a finest cell, where the features' bounding-box centres are).
    /// </summary>
    public IReadOnlyList<TileAddress> Tiles(int zoom)
    {
        var level = Math.Min(zoom, TileGeneralisation.MaxZoom);
        var side = TileGeneralisation.CellsPerTileSide >> (zoom - level);
        return _cells[level].Keys.Select(k => new TileAddress(zoom, (int)((k >> 32) / side), (int)((uint)k / side))).Distinct().ToList();
    }

    /// <summary>
    /// The tiles at <paramref name="zoom"/> (at most <see cref="TileGeneralisation.MaxZoom"/>) that <see cref="Draw"/>
    /// may draw anything in: those holding a cell, and those a feature drawn as itself at this zoom reaches by its
    /// bounding box (one tile more each way, for a box ending on a tile's edge). Every other tile of the zoom is empty.
    /// </summary>
    public IReadOnlyCollection<TileAddress> DrawnTiles(int zoom)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zoom, TileGeneralisation.MaxZoom);
        var tiles = new HashSet<TileAddress>(Tiles(zoom));
        var size = 2 * TileAddress.OriginShift / (1L << zoom);
        var last = (int)((1L << zoom) - 1);
        foreach (var feature in _largeFeatures)
        {
            var box = feature.Feature.Geometry.EnvelopeInternal;
            if (!TileGeneralisation.IsLarge(box, zoom))
            {
                continue;
            }

            for (var x = Index(TileAddress.MercatorX(box.MinX) + TileAddress.OriginShift) - 1; x <= Index(TileAddress.MercatorX(box.MaxX) + TileAddress.OriginShift) + 1; x++)
            {
                for (var y = Index(TileAddress.OriginShift - TileAddress.MercatorY(box.MaxY)) - 1; y <= Index(TileAddress.OriginShift - TileAddress.MercatorY(box.MinY)) + 1; y++)
                {
                    tiles.Add(new TileAddress(zoom, Math.Clamp(x, 0, last), Math.Clamp(y, 0, last)));
                }
            }
        }

        return tiles;

        int Index(double metres) => (int)Math.Clamp(Math.Floor(metres / size), -1, last + 1);
    }

    /// <summary>
    /// The tile: a rectangle per block of cells of one class (runs along a row, stacked while the rows below repeat the
    /// same run), then the features larger than <see cref="TileGeneralisation.LargeCells"/> cells at this zoom.
    /// </summary>
    /// <remarks>Kept by the caller, in the <see cref="TileCache"/>, never here.</remarks>
    public VectorTileAnswer Draw(TileAddress tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var layer = new Layer { Name = _collection.Id };
        var cells = _cells[tile.Z];
        const int side = TileGeneralisation.CellsPerTileSide;
        long firstColumn = (long)tile.X * side, firstRow = (long)tile.Y * side;
        // Open blocks by (first column, end column, value) → first row; closed when the next row does not repeat them.
        var open = new Dictionary<(int From, int To, int Value), int>();
        for (var row = 0; row <= side; row++)
        {
            var next = new Dictionary<(int From, int To, int Value), int>();
            var runStart = 0;
            var runValue = -1;
            for (var column = 0; column <= side; column++)
            {
                var value = row < side && column < side && cells.TryGetValue(Key(firstColumn + column, firstRow + row), out var v) ? v : -1;
                if (value == runValue)
                {
                    continue;
                }

                if (runValue >= 0)
                {
                    var run = (runStart, column, runValue);
                    next[run] = open.Remove(run, out var top) ? top : row;
                }

                runStart = column;
                runValue = value;
            }

            foreach (var ((from, to, value), top) in open)
            {
                layer.Features.Add(MvtEncoding.Feature(Rectangle(firstColumn + from, firstColumn + to, firstRow + top, firstRow + row, tile.Z), CellAttributes(value)));
            }

            open = next;
        }

        foreach (var feature in _large.Query(tile.LonLatEnvelope()))
        {
            if (TileGeneralisation.IsLarge(feature.Geometry.EnvelopeInternal, tile.Z)
                && MvtEncoding.Shape(feature.Geometry, tile) is { IsEmpty: false } geometry)
            {
                layer.Features.Add(MvtEncoding.Feature(geometry, feature.Attributes));
            }
        }

        return MvtEncoding.Encode(tile, layer, layer.Features.Count);
    }

    private AttributesTable CellAttributes(int value)
    {
        var attributes = TileGeneralisation.GeneralisedAttributes(_collection, _classes[value >> 1]);

        if (_collection.FindProperty("illustrative") is not null)
        {
            attributes.Add("illustrative", (value & 1) == 1);
        }

        return attributes;
    }

    /// <summary>Each cell's class with the most area (<see cref="Wins"/>).</summary>
    private static Dictionary<long, int> Majority(Dictionary<(long Cell, int Class), double> areas, HashSet<long> illustrative, Classes classes)
    {
        var best = new Dictionary<long, (int Class, double Area)>();
        foreach (var ((cell, @class), area) in areas)
        {
            if (!best.TryGetValue(cell, out var current) || Wins(classes, @class, area, current.Class, current.Area))
            {
                best[cell] = (@class, area);
            }
        }

        return best.ToDictionary(b => b.Key, b => (b.Value.Class << 1) | (illustrative.Contains(b.Key) ? 1 : 0));
    }

    /// <summary>One cell's class with the most area, null when it holds none.</summary>
    private static int? Best(long cell, Dictionary<(long Cell, int Class), double> areas, Classes classes)
    {
        (int Class, double Area)? best = null;
        for (var @class = 0; @class < classes.Count; @class++)
        {
            if (areas.TryGetValue((cell, @class), out var area) && (best is not { } current || Wins(classes, @class, area, current.Class, current.Area)))
            {
                best = (@class, area);
            }
        }

        return best?.Class;
    }

    /// <summary>More area wins; a tie goes to the class whose value sorts first, so both stores agree.</summary>
    private static bool Wins(Classes classes, int @class, double area, int other, double otherArea) =>
        area > otherArea || (area == otherArea && string.CompareOrdinal(classes.Text(@class), classes.Text(other)) < 0);

    /// <summary>Columns [<paramref name="west"/>, <paramref name="east"/>) of rows [<paramref name="north"/>, <paramref name="south"/>) of cells at <paramref name="zoom"/>, in lon/lat.</summary>
    private static Polygon Rectangle(long west, long east, long north, long south, int zoom)
    {
        var size = TileGeneralisation.CellMetres(zoom);
        return (Polygon)LonLat.ToGeometry(new Envelope(
            TileAddress.Longitude(-TileAddress.OriginShift + west * size), TileAddress.Longitude(-TileAddress.OriginShift + east * size),
            TileAddress.Latitude(TileAddress.OriginShift - south * size), TileAddress.Latitude(TileAddress.OriginShift - north * size)));
    }

    private static long Key(long column, long row) => (column << 32) | (uint)row;

    private static long Parent(long key) => Key((key >> 32) >> 1, (uint)key >> 1);

    /// <summary>The classes met so far, by index (0: features with no class); a patched copy appends the new ones it meets.</summary>
    private sealed class Classes
    {
        private readonly List<object?> _values;

        private readonly Dictionary<object, int> _index;

        public Classes()
            : this([null], [])
        {
        }

        private Classes(List<object?> values, Dictionary<object, int> index) => (_values, _index) = (values, index);

        public int Count => _values.Count;

        public object? this[int index] => _values[index];

        public string? Text(int index) => Convert.ToString(_values[index], System.Globalization.CultureInfo.InvariantCulture);

        public int IndexOf(object? value)
        {
            if (value is null)
            {
                return 0;
            }

            if (!_index.TryGetValue(value, out var index))
            {
                index = _values.Count;
                _index[value] = index;
                _values.Add(value);
            }

            return index;
        }

        public Classes Copy() => new([.. _values], new Dictionary<object, int>(_index));
    }
}
