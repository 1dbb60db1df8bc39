namespace Geo.Core.Stores.InMemory;

/// <summary>
/// A collection's rows packed by column: ids ascending, geometries (<see cref="PackedGeometries"/>), properties
/// (<see cref="PropertyColumns"/>) and an R-tree of row numbers (<see cref="PackedRTree"/>). The tree is built when first needed
/// (<see cref="BuildIndex"/>): a store builds it at once, a gis-data check or a PostGIS import never needs it.
/// </summary>
internal sealed class PackedRows
{
    private readonly long[] _ids;
    private readonly PackedGeometries _geometries;
    private readonly PropertyColumns _properties;
    private readonly Lazy<PackedRTree> _index;
    private SearchedRows? _lastSearch;

    private PackedRows(long[] ids, PackedGeometries geometries, PropertyColumns properties)
    {
        _ids = ids;
        _geometries = geometries;
        _properties = properties;
        _index = new(Index);
    }

    public int Count => _ids.Length;

    public Envelope? Extent => _index.Value.Extent;

    /// <summary>Packs <paramref name="rows"/> (ids ascending, each <see cref="PropertyColumns.Fits"/>).</summary>
    public static PackedRows Pack(CollectionDefinition collection, IReadOnlyList<Feature> rows)
    {
        var builder = new Builder(collection);
        foreach (var feature in rows)
        {
            builder.Add(feature);
        }

        return builder.Build();
    }

    public bool AllPacked => _geometries.AllPacked;

    /// <summary>Builds the R-tree and the extent now rather than on the first request.</summary>
    public void BuildIndex() => _ = _index.Value;

    public void Write(SnapshotWriter writer)
    {
        writer.WriteArray(_ids);
        _geometries.Write(writer);
        _properties.Write(writer);
    }

    public static PackedRows Read(CollectionDefinition collection, SnapshotReader reader)
    {
        var ids = reader.ReadArray<long>();
        var geometries = PackedGeometries.Read(reader);
        if (geometries.Count != ids.Length)
        {
            throw new InvalidDataException($"the snapshot's {collection.Id} has {geometries.Count} geometries for {ids.Length} ids");
        }

        return new PackedRows(ids, geometries, PropertyColumns.Read(collection, reader, ids.Length));
    }

    public long Id(int row) => _ids[row];

    public int Find(long id) => Array.BinarySearch(_ids, id);

    public Feature Feature(int row) => new(_ids[row], _geometries.Get(row), _properties.Row(row));

    public Geometry? Geometry(int row) => _geometries.Get(row);

    public Envelope? EnvelopeOf(int row) => _geometries.EnvelopeOf(row);

    public object? Value(int row, string property) => _properties.Value(row, property);

    /// <summary>
    /// Rows whose bounding box meets <paramref name="search"/>, in row (so id) order. The last search's rows are kept:
    /// a page searches twice, once to count its matches and once to read them, and for a district-wide box the million
    /// rows' search and sort cost more than the rest of the page (docs/BENCHMARKS.md, session 15). The rows never change.
    /// </summary>
    public IReadOnlyList<int> Query(Envelope search)
    {
        if (Volatile.Read(ref _lastSearch) is { } last && last.Box.Equals(search))
        {
            return last.Rows;
        }

        var rows = _index.Value.Query(search);
        rows.Sort();
        Volatile.Write(ref _lastSearch, new SearchedRows(search.Copy(), rows));
        return rows;
    }

    private sealed record SearchedRows(Envelope Box, IReadOnlyList<int> Rows);

    private PackedRTree Index()
    {
        var rows = new int[_ids.Length];
        var boxes = new double[_ids.Length * 4];
        var count = 0;
        for (var row = 0; row < _ids.Length; row++)
        {
            if (_geometries.Bounds(row, boxes.AsSpan(count * 4, 4)))
            {
                rows[count++] = row;
            }
        }

        return PackedRTree.Build(rows.AsSpan(0, count), boxes.AsSpan(0, count * 4));
    }

    /// <summary>Packs rows one at a time, as they are read: ids must come ascending, properties must fit the catalog.</summary>
    public sealed class Builder(CollectionDefinition collection)
    {
        private readonly List<long> _ids = [];
        private readonly PackedGeometries.Builder _geometries = new();
        private readonly PropertyColumns.Builder _properties = new(collection);

        public int Count => _ids.Count;

        /// <summary>The last id added; <see cref="long.MinValue"/> before the first.</summary>
        public long LastId => _ids.Count == 0 ? long.MinValue : _ids[^1];

        public void Add(Feature feature)
        {
            if (feature.Id <= LastId || !PropertyColumns.Fits(collection, feature))
            {
                throw new ArgumentException($"feature {feature.Id} cannot be packed here: ids must ascend and properties fit {collection.Id}", nameof(feature));
            }

            _ids.Add(feature.Id);
            _geometries.Add(feature.Geometry);
            _properties.Add(feature);
        }

        /// <summary>Adds a row read already in packed form; its id must ascend and its values fit the catalog.</summary>
        public void Add(PackedFeature feature)
        {
            if (feature.Id <= LastId || !PropertyColumns.Fits(collection, feature.Values))
            {
                throw new ArgumentException($"feature {feature.Id} cannot be packed here: ids must ascend and properties fit {collection.Id}", nameof(feature));
            }

            _geometries.AddMultiPolygon(feature.Xy, feature.Polygons);
            _ids.Add(feature.Id);
            _properties.Add(feature.Values);
        }

        public PackedRows Build() => new([.. _ids], _geometries.Build(), _properties.Build());
    }
}
