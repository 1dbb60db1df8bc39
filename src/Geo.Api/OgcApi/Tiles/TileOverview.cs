using NetTopologySuite.Features;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.VectorTiles;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// A collection's generalised picture for tileMatrix 0–<see cref="TileGeneralisation.MaxZoom"/>, built once per data
/// version: per zoom, each occupied cell's class (most area) and whether it holds illustrative features; and the large
/// features in an R-tree. Drawing a tile from it reads at most 128 × 128 cells, whatever the collection's size.
/// </summary>
internal sealed class TileOverview
{
    private static readonly GeometryFactory LonLat = new(new PrecisionModel(), 4490);

    private readonly CollectionDefinition _collection;

    private readonly object?[] _classes;

    /// <summary>Per zoom, cell key → class index × 2 + 1 when illustrative.</summary>
    private readonly Dictionary<long, int>[] _cells;

    private readonly STRtree<IFeature> _large = new();

    private readonly IReadOnlyList<IFeature> _largeFeatures;

    private TileOverview(CollectionDefinition collection, object?[] classes, Dictionary<long, int>[] cells, IReadOnlyList<IFeature> large)
    {
        _collection = collection;
        _classes = classes;
        _cells = cells;
        _largeFeatures = large;
        foreach (var feature in large)
        {
            _large.Insert(feature.Geometry.EnvelopeInternal, feature);
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
        var classIndex = new Dictionary<object, int>();
        var classes = new List<object?> { null };
        var areas = new Dictionary<(long Cell, int Class), double>();
        var illustrative = new HashSet<long>();
        foreach (var cell in input.Cells)
        {
            var key = Key(cell.I, cell.J);
            var index = cell.Class is null ? 0 : IndexOf(cell.Class);
            areas[(key, index)] = areas.GetValueOrDefault((key, index)) + cell.Area;
            if (cell.Illustrative)
            {
                illustrative.Add(key);
            }
        }

        var byZoom = new Dictionary<long, int>[TileGeneralisation.MaxZoom + 1];
        for (var zoom = TileGeneralisation.MaxZoom; ; zoom--)
        {
            byZoom[zoom] = Majority(areas, illustrative, classes);
            if (zoom == 0)
            {
                break;
            }

            // Cells nest: a cell at zoom z - 1 holds the four at zoom z whose indices halve to it.
            var coarser = new Dictionary<(long Cell, int Class), double>(areas.Count / 2);
            foreach (var ((cell, @class), area) in areas)
            {
                var parent = Parent(cell);
                coarser[(parent, @class)] = coarser.GetValueOrDefault((parent, @class)) + area;
            }

            areas = coarser;
            illustrative = illustrative.Select(Parent).ToHashSet();
        }

        return new TileOverview(collection, classes.ToArray(), byZoom, input.Large);

        int IndexOf(object value)
        {
            if (!classIndex.TryGetValue(value, out var index))
            {
                index = classes.Count;
                classIndex[value] = index;
                classes.Add(value);
            }

            return index;
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
            var box = feature.Geometry.EnvelopeInternal;
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

    /// <summary>Each cell's class with the most area; a tie goes to the class whose value sorts first, so both stores agree.</summary>
    private static Dictionary<long, int> Majority(Dictionary<(long Cell, int Class), double> areas, HashSet<long> illustrative, List<object?> classes)
    {
        var best = new Dictionary<long, (int Class, double Area)>();
        foreach (var ((cell, @class), area) in areas)
        {
            if (!best.TryGetValue(cell, out var current) || area > current.Area
                || (area == current.Area && string.CompareOrdinal(Convert.ToString(classes[@class], System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(classes[current.Class], System.Globalization.CultureInfo.InvariantCulture)) < 0))
            {
                best[cell] = (@class, area);
            }
        }

        return best.ToDictionary(b => b.Key, b => (b.Value.Class << 1) | (illustrative.Contains(b.Key) ? 1 : 0));
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
}
