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
    /// The most finest cells a patch reads again (e.g. 32 × 32, ~4 km square at Kaizhou's latitude); a changed area over
    /// more is read whole, as at first.
    /// </summary>
    public const int MaxPatchedCells = 1024;

    /// <summary>
    /// The most areas the edits between two versions are read again in (<see cref="AreasOf"/>), each a read and a patch
    /// of its own (~50 ms each on 1M parcels); more are read whole.
    /// </summary>
    public const int MaxPatchedAreas = 16;

    private readonly CollectionDefinition _collection;

    private readonly CellClasses _classes;

    /// <summary>Per zoom, the blocks of cells by the key of the tile at that zoom they fill (<see cref="TileOf"/>).</summary>
    private readonly Dictionary<long, CellBlock>[] _levels;

    private readonly STRtree<IFeature> _large = new();

    /// <summary>Largest first, then by id, as the sources read them.</summary>
    private readonly IReadOnlyList<LargeFeature> _largeFeatures;

    private TileOverview(CollectionDefinition collection, CellClasses classes, Dictionary<long, CellBlock>[] levels, IReadOnlyList<LargeFeature> large)
    {
        _collection = collection;
        _classes = classes;
        _levels = levels;
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
    public long CellCount => _levels.Sum(l => l.Values.Sum(b => (long)b.Drawn.Count));

    public static TileOverview Build(CollectionDefinition collection, OverviewInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var classes = new CellClasses();
        var levels = Enumerable.Range(0, TileGeneralisation.MaxZoom + 1).Select(_ => new Dictionary<long, CellBlock>()).ToArray();
        AddCells(input.Cells, cell => BlockOf(levels[TileGeneralisation.MaxZoom], cell), classes);
        for (var zoom = TileGeneralisation.MaxZoom - 1; zoom >= 0; zoom--)
        {
            // Cells nest: a cell at zoom z holds the four at zoom z + 1 whose indices halve to it (in the same block).
            foreach (var finer in levels[zoom + 1].Values)
            {
                foreach (var ((cell, @class), area) in finer.Areas)
                {
                    BlockOf(levels[zoom], Parent(cell)).Add(Parent(cell), @class, area);
                }

                foreach (var cell in finer.Illustrative)
                {
                    BlockOf(levels[zoom], Parent(cell)).Illustrative.Add(Parent(cell));
                }
            }
        }

        foreach (var block in levels.SelectMany(l => l.Values))
        {
            block.DecideAll(classes);
        }

        return new TileOverview(collection, classes, levels, input.Large);

        static CellBlock BlockOf(Dictionary<long, CellBlock> level, long cell)
        {
            var tile = TileOf(cell);
            if (!level.TryGetValue(tile, out var block))
            {
                level[tile] = block = new CellBlock();
            }

            return block;
        }
    }

    /// <summary>
    /// The areas (<see cref="AreaOf"/>) the edits' envelopes are read again in: envelopes whose cells overlap are joined
    /// (no cell is then in two areas, whose search boxes each reach only their own edits), the others read apart, so
    /// that two parcels edited across the town cost two small reads, not one of everything between them. Null when they
    /// would read more than <see cref="MaxPatchedCells"/> cells or <see cref="MaxPatchedAreas"/> areas in all, or the
    /// large features may not all be held.
    /// </summary>
    public IReadOnlyList<OverviewArea>? AreasOf(IReadOnlyList<Envelope> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var joined = new List<(Envelope LonLat, Envelope Cells)>();
        foreach (var extent in changed)
        {
            var (lonLat, cells) = (new Envelope(extent), CellsOf(extent));
            // A box grown by a join may meet one passed over: start again until none meets it.
            for (var k = 0; k < joined.Count;)
            {
                if (joined[k].Cells.Intersects(cells))
                {
                    lonLat.ExpandToInclude(joined[k].LonLat);
                    cells.ExpandToInclude(joined[k].Cells);
                    joined.RemoveAt(k);
                    k = 0;
                }
                else
                {
                    k++;
                }
            }

            joined.Add((lonLat, cells));
        }

        if (joined.Count > MaxPatchedAreas)
        {
            return null;
        }

        var areas = new List<OverviewArea>(joined.Count);
        foreach (var (box, _) in joined)
        {
            if (AreaOf(box) is not { } area || areas.Sum(a => a.CellCount) + area.CellCount > MaxPatchedCells)
            {
                return null;
            }

            areas.Add(area);
        }

        return areas;
    }

    /// <summary>The finest cells a lon/lat box overlaps: columns as x, rows as y (north the smaller).</summary>
    private static Envelope CellsOf(Envelope lonLat) =>
        new(TileGeneralisation.FinestColumn(lonLat.MinX), TileGeneralisation.FinestColumn(lonLat.MaxX),
            TileGeneralisation.FinestRow(lonLat.MaxY), TileGeneralisation.FinestRow(lonLat.MinY));

    /// <summary>
    /// What an edit within <paramref name="changed"/> (lon/lat) may have changed here: the finest cells it overlaps and
    /// the large features within it, with a search box every feature centred in those cells meets; null when a patch
    /// would read more than <see cref="MaxPatchedCells"/> cells or the large features may not all be held, so the whole
    /// is read again.
    /// </summary>
    public OverviewArea? AreaOf(Envelope changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (!HoldsEveryLargeFeature)
        {
            return null;
        }

        var range = CellsOf(changed);
        var (west, east, north, south) = ((int)range.MinX, (int)range.MaxX, (int)range.MinY, (int)range.MaxY);
        var cells = new OverviewArea(west, north, east, south, changed, Search: changed);
        if (cells.CellCount > MaxPatchedCells)
        {
            return null;
        }

        // Every feature centred in the cells meets the search box: a small one (four cells or less) within five cells
        // of them, a large one held here within its stored box, a large one written since within the changed area.
        var size = TileGeneralisation.CellMetres(TileGeneralisation.MaxZoom);
        var reach = (TileGeneralisation.LargeCells + 1) * size;
        var search = new Envelope(
            TileAddress.Longitude(Math.Max(-TileAddress.OriginShift, -TileAddress.OriginShift + west * size - reach)),
            TileAddress.Longitude(Math.Min(TileAddress.OriginShift, -TileAddress.OriginShift + (east + 1) * size + reach)),
            TileAddress.Latitude(Math.Max(-TileAddress.OriginShift, TileAddress.OriginShift - (south + 1) * size - reach)),
            TileAddress.Latitude(Math.Min(TileAddress.OriginShift, TileAddress.OriginShift - north * size + reach)));
        search.ExpandToInclude(changed);
        foreach (var large in _largeFeatures)
        {
            var (i, j) = TileGeneralisation.FinestCell(large.Box);
            if (cells.Holds(i, j))
            {
                search.ExpandToInclude(large.Box);
            }
        }

        return cells with { Search = search };
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
        var large = _largeFeatures.Where(l => !area.HoldsLarge(l.Box)).Concat(input.Large.Where(l => area.HoldsLarge(l.Box)))
            .OrderByDescending(l => l.Side).ThenBy(l => l.Id).ToList();
        if (large.Count + 1000 >= TileGeneralisation.MaxLargeFeatures)
        {
            return null;
        }

        var classes = _classes.Copy();
        // The blocks changed are copied (once each, into `copied`); the others are shared with this overview.
        var levels = _levels.Select(l => new Dictionary<long, CellBlock>(l)).ToArray();
        var copied = new HashSet<CellBlock>(ReferenceEqualityComparer.Instance);
        var touched = new HashSet<long>();
        for (var i = area.West; i <= area.East; i++)
        {
            for (var j = area.North; j <= area.South; j++)
            {
                touched.Add(Key(i, j));
                Writable(TileGeneralisation.MaxZoom, Key(i, j)).Clear(Key(i, j), classes.Count);
            }
        }

        AddCells(input.Cells.Where(c => area.Holds(c.I, c.J)), cell => Writable(TileGeneralisation.MaxZoom, cell), classes);
        for (var zoom = TileGeneralisation.MaxZoom; ; zoom--)
        {
            foreach (var cell in touched)
            {
                Writable(zoom, cell).Decide(cell, classes);
            }

            if (zoom == 0)
            {
                break;
            }

            touched = touched.Select(Parent).ToHashSet();
            foreach (var parent in touched)
            {
                var children = Children(parent);
                Writable(zoom - 1, parent).SumChildren(parent, children, levels[zoom].GetValueOrDefault(TileOf(children.A)), classes.Count);
            }
        }

        foreach (var level in levels)
        {
            foreach (var (tile, block) in level.Where(b => copied.Contains(b.Value) && b.Value.IsEmpty).ToList())
            {
                level.Remove(tile);
            }
        }

        return new TileOverview(_collection, classes, levels, large);

        CellBlock Writable(int zoom, long cell)
        {
            var tile = TileOf(cell);
            if (levels[zoom].TryGetValue(tile, out var block) && copied.Contains(block))
            {
                return block;
            }

            block = block?.Copy() ?? new CellBlock();
            levels[zoom][tile] = block;
            copied.Add(block);
            return block;
        }
    }

    private static void AddCells(IEnumerable<OverviewCell> input, Func<long, CellBlock> blockOf, CellClasses classes)
    {
        foreach (var cell in input)
        {
            var key = Key(cell.I, cell.J);
            var block = blockOf(key);
            block.Add(key, classes.IndexOf(cell.Class), cell.Area);
            if (cell.Illustrative)
            {
                block.Illustrative.Add(key);
            }
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
        return _levels[level].Values.SelectMany(b => b.Drawn.Keys).Select(k => new TileAddress(zoom, (int)((k >> 32) / side), (int)((uint)k / side))).Distinct().ToList();
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
        var cells = _levels[tile.Z].GetValueOrDefault(Key(tile.X, tile.Y))?.Drawn ?? [];
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

    private static (long A, long B, long C, long D) Children(long key)
    {
        var (column, row) = (2 * (key >> 32), 2 * (long)(uint)key);
        return (Key(column, row), Key(column + 1, row), Key(column, row + 1), Key(column + 1, row + 1));
    }

    /// <summary>The key of the tile (at the cell's zoom) holding the cell, the key of its <see cref="CellBlock"/>.</summary>
    private static long TileOf(long cell) => Key((cell >> 32) / TileGeneralisation.CellsPerTileSide, (uint)cell / TileGeneralisation.CellsPerTileSide);
}
