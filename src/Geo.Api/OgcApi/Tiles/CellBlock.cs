namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// One tile's worth (128 × 128) of a zoom's cells in a <see cref="TileOverview"/>: each cell's class areas, the cells
/// holding an illustrative feature, and what each cell is drawn as. Kept per tile so that drawing a tile reads one
/// block, and a patched overview copies only the blocks an edit changed and shares the rest.
/// </summary>
internal sealed class CellBlock
{
    public CellBlock()
        : this([], [], [])
    {
    }

    private CellBlock(Dictionary<(long Cell, int Class), double> areas, HashSet<long> illustrative, Dictionary<long, int> drawn) =>
        (Areas, Illustrative, Drawn) = (areas, illustrative, drawn);

    /// <summary>(cell key, class index) → the area of that class's features centred in the cell.</summary>
    public Dictionary<(long Cell, int Class), double> Areas { get; }

    public HashSet<long> Illustrative { get; }

    /// <summary>Cell key → the class drawn (most area) × 2, + 1 when the cell holds an illustrative feature.</summary>
    public Dictionary<long, int> Drawn { get; }

    public bool IsEmpty => Areas.Count == 0 && Illustrative.Count == 0;

    public CellBlock Copy() => new(new(Areas), new(Illustrative), new(Drawn));

    public void Add(long cell, int @class, double area)
    {
        var key = (cell, @class);
        Areas[key] = Areas.GetValueOrDefault(key) + area;
    }

    /// <summary>Forgets the cell's areas and mark (before it is read again).</summary>
    public void Clear(long cell, int classCount)
    {
        for (var @class = 0; @class < classCount; @class++)
        {
            Areas.Remove((cell, @class));
        }

        Illustrative.Remove(cell);
    }

    /// <summary>What every cell is drawn as, from all the areas (a whole build).</summary>
    public void DecideAll(CellClasses classes)
    {
        var best = new Dictionary<long, (int Class, double Area)>();
        foreach (var ((cell, @class), area) in Areas)
        {
            if (!best.TryGetValue(cell, out var current) || classes.Wins(@class, area, current.Class, current.Area))
            {
                best[cell] = (@class, area);
            }
        }

        Drawn.Clear();
        foreach (var (cell, (@class, _)) in best)
        {
            Drawn[cell] = Value(cell, @class);
        }
    }

    /// <summary>What one cell is drawn as, after its areas changed (a patch).</summary>
    public void Decide(long cell, CellClasses classes)
    {
        (int Class, double Area)? best = null;
        for (var @class = 0; @class < classes.Count; @class++)
        {
            if (Areas.TryGetValue((cell, @class), out var area) && (best is not { } current || classes.Wins(@class, area, current.Class, current.Area)))
            {
                best = (@class, area);
            }
        }

        if (best is { } found)
        {
            Drawn[cell] = Value(cell, found.Class);
        }
        else
        {
            Drawn.Remove(cell);
        }
    }

    /// <summary>
    /// A coarser cell's class areas and mark, summed again from the four cells below it (<paramref name="finer"/>: the
    /// block of the zoom below holding all four, null when there is none).
    /// </summary>
    public void SumChildren(long parent, (long A, long B, long C, long D) children, CellBlock? finer, int classCount)
    {
        for (var @class = 0; @class < classCount; @class++)
        {
            var (sum, any) = (0.0, false);
            foreach (var child in new[] { children.A, children.B, children.C, children.D })
            {
                if (finer is not null && finer.Areas.TryGetValue((child, @class), out var area))
                {
                    (sum, any) = (sum + area, true);
                }
            }

            if (any)
            {
                Areas[(parent, @class)] = sum;
            }
            else
            {
                Areas.Remove((parent, @class));
            }
        }

        if (finer is not null && (finer.Illustrative.Contains(children.A) || finer.Illustrative.Contains(children.B)
            || finer.Illustrative.Contains(children.C) || finer.Illustrative.Contains(children.D)))
        {
            Illustrative.Add(parent);
        }
        else
        {
            Illustrative.Remove(parent);
        }
    }

    private int Value(long cell, int @class) => (@class << 1) | (Illustrative.Contains(cell) ? 1 : 0);
}
