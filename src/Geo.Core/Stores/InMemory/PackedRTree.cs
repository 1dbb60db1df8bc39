namespace Geo.Core.Stores.InMemory;

/// <summary>
/// A static R-tree over the rows' bounding boxes in flat arrays: rows sorted by the Hilbert index of their box's
/// centre, then packed <see cref="NodeSize"/> to a node, level by level. NTS's STR-tree took ~1.5 s and ~120 MB for a
/// million parcels (an object per item and per envelope, two sorts); this takes a fraction of that and ~40 MB. A query
/// gives the rows whose box meets the search box, edges included (as <see cref="Envelope.Intersects(Envelope)"/>),
/// in no particular order.
/// </summary>
internal sealed class PackedRTree
{
    private const int NodeSize = 16;

    // Each entry's box as min x, min y, max x, max y: the rows (level 0, sorted) first, then each level's nodes.
    private readonly double[] _boxes;

    // Level 0: the row; above: the first entry of the node's children on the level below.
    private readonly int[] _entries;

    // Where each level's entries begin, and one past the last level's end.
    private readonly int[] _levels;

    private PackedRTree(double[] boxes, int[] entries, int[] levels, Envelope? extent)
    {
        _boxes = boxes;
        _entries = entries;
        _levels = levels;
        Extent = extent;
    }

    /// <summary>The union of the rows' boxes (as <see cref="Envelope.ExpandToInclude(Envelope)"/> makes it); null when there are none.</summary>
    public Envelope? Extent { get; }

    /// <summary>The tree of <paramref name="rows"/>, whose boxes are <paramref name="boxes"/> (four values per row, in the same order).</summary>
    public static PackedRTree Build(ReadOnlySpan<int> rows, ReadOnlySpan<double> boxes)
    {
        var count = rows.Length;
        var levels = new List<int> { 0 };
        var total = count;
        for (var width = count; width > 1;)
        {
            width = (width + NodeSize - 1) / NodeSize;
            levels.Add(total);
            total += width;
        }

        levels.Add(total);
        var entries = new int[total];
        var tree = new double[total * 4];
        var extent = ExtentOf(boxes);
        if (extent is not null)
        {
            SortRows(rows, boxes, extent, entries, tree);
        }

        for (var level = 1; level < levels.Count - 1; level++)
        {
            var (childStart, childEnd) = (levels[level - 1], levels[level]);
            for (int first = childStart, node = levels[level]; first < childEnd; first += NodeSize, node++)
            {
                entries[node] = first;
                var (minX, minY, maxX, maxY) = (double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);
                for (var child = first; child < Math.Min(first + NodeSize, childEnd); child++)
                {
                    minX = Math.Min(minX, tree[child * 4]);
                    minY = Math.Min(minY, tree[(child * 4) + 1]);
                    maxX = Math.Max(maxX, tree[(child * 4) + 2]);
                    maxY = Math.Max(maxY, tree[(child * 4) + 3]);
                }

                (tree[node * 4], tree[(node * 4) + 1], tree[(node * 4) + 2], tree[(node * 4) + 3]) = (minX, minY, maxX, maxY);
            }
        }

        return new PackedRTree(tree, entries, [.. levels], extent);
    }

    /// <summary>The rows whose box meets <paramref name="search"/> (none for a null envelope), in no particular order.</summary>
    public List<int> Query(Envelope search)
    {
        var found = new List<int>();
        var top = _levels.Length - 2;
        if (search.IsNull || _levels[^1] == 0)
        {
            return found;
        }

        // Entries to visit, as (entry, level) pairs: the top level holds the one root.
        var pending = new Stack<(int Entry, int Level)>();
        pending.Push((_levels[top], top));
        while (pending.TryPop(out var at))
        {
            if (!Meets(at.Entry, search))
            {
                continue;
            }

            if (at.Level == 0)
            {
                found.Add(_entries[at.Entry]);
                continue;
            }

            var first = _entries[at.Entry];
            var end = Math.Min(first + NodeSize, _levels[at.Level]);
            for (var child = first; child < end; child++)
            {
                pending.Push((child, at.Level - 1));
            }
        }

        return found;
    }

    /// <summary>What <see cref="Envelope.Intersects(Envelope)"/> answers for the entry's box: closed intervals.</summary>
    private bool Meets(int entry, Envelope search) =>
        !(search.MinX > _boxes[(entry * 4) + 2] || search.MaxX < _boxes[entry * 4]
          || search.MinY > _boxes[(entry * 4) + 3] || search.MaxY < _boxes[(entry * 4) + 1]);

    /// <summary>The union of the boxes, compared as <see cref="Envelope.ExpandToInclude(Envelope)"/> compares; null when there are none.</summary>
    private static Envelope? ExtentOf(ReadOnlySpan<double> boxes)
    {
        if (boxes.IsEmpty)
        {
            return null;
        }

        var (minX, minY, maxX, maxY) = (boxes[0], boxes[1], boxes[2], boxes[3]);
        for (var i = 4; i < boxes.Length; i += 4)
        {
            minX = boxes[i] < minX ? boxes[i] : minX;
            minY = boxes[i + 1] < minY ? boxes[i + 1] : minY;
            maxX = boxes[i + 2] > maxX ? boxes[i + 2] : maxX;
            maxY = boxes[i + 3] > maxY ? boxes[i + 3] : maxY;
        }

        return new Envelope(minX, maxX, minY, maxY);
    }

    /// <summary>The rows into level 0 in Hilbert order of their boxes' centres (over the extent), so that a node holds neighbours.</summary>
    private static void SortRows(ReadOnlySpan<int> rows, ReadOnlySpan<double> boxes, Envelope extent, int[] entries, double[] tree)
    {
        var (minX, minY, maxX, maxY) = (extent.MinX, extent.MinY, extent.MaxX, extent.MaxY);

        // 16 bits a side; a degenerate extent (one point, one line) puts every centre at 0 along it.
        var scaleX = maxX > minX ? ushort.MaxValue / (maxX - minX) : 0;
        var scaleY = maxY > minY ? ushort.MaxValue / (maxY - minY) : 0;
        var keys = new uint[rows.Length];
        var order = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            keys[i] = Hilbert(Cell(boxes[i * 4], boxes[(i * 4) + 2], minX, scaleX), Cell(boxes[(i * 4) + 1], boxes[(i * 4) + 3], minY, scaleY));
            order[i] = i;
        }

        Array.Sort(keys, order);
        for (var i = 0; i < order.Length; i++)
        {
            entries[i] = rows[order[i]];
            boxes.Slice(order[i] * 4, 4).CopyTo(tree.AsSpan(i * 4, 4));
        }
    }

    /// <summary>The grid cell (0 to 65,535) of the centre of <paramref name="low"/> to <paramref name="high"/>.</summary>
    private static uint Cell(double low, double high, double min, double scale) =>
        ((((low + high) / 2) - min) * scale) is var cell && cell > 0 ? (uint)Math.Min(cell, ushort.MaxValue) : 0;

    /// <summary>
    /// The position of (x, y) along the Hilbert curve over a 65,536 × 65,536 grid, computed without a loop
    /// (the public-domain method of "rawrunprotected", as flatbush uses it). Only the order matters here, not the exact curve.
    /// </summary>
    private static uint Hilbert(uint x, uint y)
    {
        var a = x ^ y;
        var b = 0xFFFF ^ a;
        var c = 0xFFFF ^ (x | y);
        var d = x & (y ^ 0xFFFF);

        var na = a | (b >> 1);
        var nb = (a >> 1) ^ a;
        var nc = (c >> 1) ^ (b & (d >> 1)) ^ c;
        var nd = (a & (c >> 1)) ^ (d >> 1) ^ d;

        (a, b, c, d) = (na, nb, nc, nd);
        na = (a & (a >> 2)) ^ (b & (b >> 2));
        nb = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
        nc ^= (a & (c >> 2)) ^ (b & (d >> 2));
        nd ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));

        (a, b, c, d) = (na, nb, nc, nd);
        na = (a & (a >> 4)) ^ (b & (b >> 4));
        nb = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
        nc ^= (a & (c >> 4)) ^ (b & (d >> 4));
        nd ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));

        (a, b, c, d) = (na, nb, nc, nd);
        nc ^= (a & (c >> 8)) ^ (b & (d >> 8));
        nd ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));

        a = nc ^ (nc >> 1);
        b = nd ^ (nd >> 1);
        var i0 = x ^ y;
        var i1 = b | (0xFFFF ^ (i0 | a));
        return (Spread(i1) << 1) | Spread(i0);
    }

    /// <summary>The low 16 bits of <paramref name="v"/> moved to the even bit positions.</summary>
    private static uint Spread(uint v)
    {
        v = (v | (v << 8)) & 0x00FF00FF;
        v = (v | (v << 4)) & 0x0F0F0F0F;
        v = (v | (v << 2)) & 0x33333333;
        return (v | (v << 1)) & 0x55555555;
    }
}
