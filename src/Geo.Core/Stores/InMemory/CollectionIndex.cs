using System.Collections.Immutable;
using Geo.Core.Filters;
using NetTopologySuite.Geometries.Prepared;

namespace Geo.Core.Stores.InMemory;

/// <summary>
/// One collection held in memory, compactly: the rows loaded from gis-data packed by column (<see cref="PackedRows"/>:
/// ids, packed coordinates, columnar properties, an R-tree over row numbers) and the edits since as an overlay of
/// whole features by id (null: the row was removed). Features are built per request, and only those a page returns
/// (a filter or an exact spatial test builds them one at a time and lets them go). An index never changes: an edit
/// makes a new one that shares the packed rows; once the overlay outgrows <see cref="RepackAbove"/> everything is packed again.
/// </summary>
internal sealed class CollectionIndex
{
    /// <summary>Overlay size at which an edit packs the collection again (an import of many rows does at once).</summary>
    private const int RepackAbove = 4096;

    private readonly CollectionDefinition _collection;
    private readonly PackedRows _packed;
    private readonly ImmutableSortedDictionary<long, Feature?> _overlay;
    private readonly Lazy<CollectionSummary> _summary;

    /// <summary>
    /// The index of <paramref name="featuresInIdOrder"/>: packed already when gis-data was read (<see cref="PackedFeatures"/>),
    /// otherwise packed here, those whose properties are not the catalog's (none from gis-data) kept as the overlay.
    /// </summary>
    public CollectionIndex(CollectionDefinition collection, IReadOnlyList<Feature> featuresInIdOrder)
        : this(collection, featuresInIdOrder is PackedFeatures packed ? packed.Rows : PackedRows.Pack(collection, [.. featuresInIdOrder.Where(f => PropertyColumns.Fits(collection, f))]),
            featuresInIdOrder is PackedFeatures
                ? ImmutableSortedDictionary<long, Feature?>.Empty
                : featuresInIdOrder.Where(f => !PropertyColumns.Fits(collection, f)).ToImmutableSortedDictionary(f => f.Id, f => (Feature?)f))
    {
    }

    private CollectionIndex(CollectionDefinition collection, PackedRows packed, ImmutableSortedDictionary<long, Feature?> overlay)
    {
        _collection = collection;
        _packed = packed;
        _overlay = overlay;
        _summary = new(ComputeSummary);

        // Built here, once per packed rows (an edit's index shares them): the first bbox request must not wait for it.
        packed.BuildIndex();
    }

    /// <summary>
    /// Why this index cannot go into a snapshot (edits over the packed rows, geometries kept as NTS objects), or null
    /// when it can: a snapshot holds packed rows only, so that it answers exactly as the load it was taken from.
    /// </summary>
    public string? NotSnapshottable =>
        !_overlay.IsEmpty ? $"{_overlay.Count} features of {_collection.Id} are not packed"
        : !_packed.AllPacked ? $"some geometries of {_collection.Id} are kept unpacked (Z or M values, another type)"
        : null;

    /// <summary>The packed rows, for a snapshot; only when <see cref="NotSnapshottable"/> is null.</summary>
    public void Write(SnapshotWriter writer)
    {
        if (NotSnapshottable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        writer.WriteText(_collection.Id);
        _packed.Write(writer);
    }

    /// <summary>The index <see cref="Write"/> wrote, its R-tree built again.</summary>
    public static CollectionIndex Read(CollectionDefinition collection, SnapshotReader reader) =>
        reader.ReadText() == collection.Id
            ? new CollectionIndex(collection, PackedRows.Read(collection, reader), ImmutableSortedDictionary<long, Feature?>.Empty)
            : throw new InvalidDataException($"the snapshot does not hold {collection.Id} where the catalog has it");

    /// <summary>An index never changes (an edit builds a new one), so the summary is computed once, when first asked.</summary>
    public CollectionSummary Summary => _summary.Value;

    /// <summary>The greatest id the collection holds now (0 when empty).</summary>
    public long MaxId => Math.Max(
        LastLivePackedId(),
        _overlay.Reverse().FirstOrDefault(e => e.Value is not null).Key);

    public Feature? Get(long id) =>
        _overlay.TryGetValue(id, out var edited) ? edited : _packed.Find(id) is var row and >= 0 ? _packed.Feature(row) : null;

    /// <summary>This index with <paramref name="changes"/> applied (null removes the feature).</summary>
    public CollectionIndex With(IReadOnlyList<(long Id, Feature? Replacement)> changes)
    {
        var overlay = _overlay.ToBuilder();
        foreach (var (id, replacement) in changes)
        {
            if (replacement is null && _packed.Find(id) < 0)
            {
                overlay.Remove(id);
            }
            else
            {
                overlay[id] = replacement is null ? null : replacement with { Id = id };
            }
        }

        var changed = new CollectionIndex(_collection, _packed, overlay.ToImmutable());
        return overlay.Count > RepackAbove
            ? new CollectionIndex(_collection, [.. changed.Live().Select(changed.Materialise)])
            : changed;
    }

    /// <summary>The features a query selects, in order; stops between features once <paramref name="cancellationToken"/> fires (client gone, request timed out).</summary>
    public IEnumerable<Feature> Match(FeatureQuery query, CancellationToken cancellationToken)
    {
        if (!query.HasSpatialFilter && query.Filter is null && query.SortBy.Count == 0 && _overlay.IsEmpty)
        {
            // Paging the whole collection: Skip and Take build only the features of the page.
            return Enumerable.Range(0, _packed.Count).Select(_packed.Feature);
        }

        return Candidates(query, cancellationToken).Select(Materialise);
    }

    /// <summary>
    /// Keyset paging: the features <paramref name="query"/> selects that come after <paramref name="after"/>, in order.
    /// The first one is found by binary search (in the id order rows are held in, or among the sorted matches), never by
    /// building the features of the pages before it.
    /// </summary>
    public IEnumerable<Feature> MatchAfter(FeatureQuery query, FeatureCursor after, CancellationToken cancellationToken)
    {
        if (query.SortBy.Count == 0 && !query.HasSpatialFilter)
        {
            var rows = LiveAfter(after.Id);
            if (query.Filter is { } filter)
            {
                rows = rows.Where(r =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return FilterEvaluator.Matches(filter, Materialise(r));
                });
            }

            return rows.Select(Materialise);
        }

        var order = Order(query.SortBy);
        var matches = Candidates(query, cancellationToken).ToList();
        var probe = Probe(query.SortBy, after);
        int low = 0, high = matches.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (order.Compare(matches[middle], probe) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return matches.Skip(low).Select(Materialise);
    }

    /// <summary>How many features the collection holds now.</summary>
    public long LiveCount => _packed.Count - _overlay.Keys.Count(id => _packed.Find(id) >= 0) + _overlay.Values.Count(f => f is not null);

    public long Count(FeatureQuery query, CancellationToken cancellationToken) =>
        !query.HasSpatialFilter && query.Filter is null
            ? LiveCount
            : Candidates(query with { SortBy = [] }, cancellationToken).LongCount();

    /// <summary>
    /// How many features the query selects (ignoring its cursor, as <see cref="Count"/>), exact up to
    /// <paramref name="countLimit"/>. Past it, an estimate, as a planner makes one: the share of the rows examined so
    /// far that matched (the R-tree's envelope hits in id order, or every live row) times all the rows the query would
    /// examine, never less than the matches counted. The exact spatial test and the filter, which build a geometry or a
    /// feature per row, then run on a bounded number of rows.
    /// </summary>
    public (long Count, bool Estimated) CountUpTo(FeatureQuery query, long countLimit, CancellationToken cancellationToken)
    {
        if (!query.HasSpatialFilter && query.Filter is null)
        {
            return (LiveCount, false);
        }

        long examined = 0, matched = 0;
        var (rows, total) = Screened(query);
        var screened = rows.Select(row =>
        {
            examined++;
            return row;
        });
        using var matches = Matching(screened, query, cancellationToken).GetEnumerator();
        while (matched <= countLimit && matches.MoveNext())
        {
            matched++;
        }

        if (matched <= countLimit)
        {
            return (matched, false);
        }

        return (Math.Max(matched, (long)Math.Round(matched * (double)total / examined)), true);
    }

    private IEnumerable<Row> Candidates(FeatureQuery query, CancellationToken cancellationToken)
    {
        var matches = Matching(Screened(query).Rows, query, cancellationToken);
        return query.SortBy.Count == 0 ? matches : matches.Order(Order(query.SortBy));
    }

    /// <summary>
    /// The rows a query examines, in id order: those whose envelope meets the spatial filters' (the R-tree), or every
    /// live row; and about how many there are (a packed row an edit replaced may be counted twice).
    /// </summary>
    private (IEnumerable<Row> Rows, long Total) Screened(FeatureQuery query)
    {
        if (!query.HasSpatialFilter)
        {
            return (Live(), LiveCount);
        }

        var search = query.SearchEnvelope!;
        var hits = _packed.Query(search);
        var packed = hits.Where(row => !_overlay.ContainsKey(_packed.Id(row))).Select(row => new Row(_packed.Id(row), row, null));
        var edited = _overlay.Values.OfType<Feature>().Where(f => f.Geometry is not null && f.Geometry.EnvelopeInternal.Intersects(search)).Select(f => new Row(f.Id, -1, f)).ToList();
        return (Merge(packed, edited), hits.Count + edited.Count);
    }

    /// <summary>Of <paramref name="rows"/>, those the query selects: the exact spatial test, then the filter.</summary>
    private IEnumerable<Row> Matching(IEnumerable<Row> rows, FeatureQuery query, CancellationToken cancellationToken)
    {
        var matches = rows.Where(_ =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        });
        if (query.HasSpatialFilter)
        {
            var filters = SpatialFilters(query).ToList();
            matches = matches.Where(r => Geometry(r) is { } g && filters.TrueForAll(filter => filter.Intersects(g)));
        }

        if (query.Filter is { } filter)
        {
            matches = matches.Where(r =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return FilterEvaluator.Matches(filter, Materialise(r));
            });
        }

        return matches;
    }

    /// <summary>Every live row in id order: packed rows not overridden, merged with the overlay's features.</summary>
    private IEnumerable<Row> Live()
    {
        var packed = Enumerable.Range(0, _packed.Count).Select(row => new Row(_packed.Id(row), row, null));
        return _overlay.IsEmpty
            ? packed
            : Merge(packed.Where(r => !_overlay.ContainsKey(r.Id)), _overlay.Values.OfType<Feature>().Select(f => new Row(f.Id, -1, f)));
    }

    /// <summary>The live rows with an id greater than <paramref name="afterId"/>, in id order, sought by binary search.</summary>
    private IEnumerable<Row> LiveAfter(long afterId)
    {
        var found = _packed.Find(afterId);
        var start = found >= 0 ? found + 1 : ~found;
        var packed = Enumerable.Range(start, _packed.Count - start).Select(row => new Row(_packed.Id(row), row, null));
        return _overlay.IsEmpty
            ? packed
            : Merge(
                packed.Where(r => !_overlay.ContainsKey(r.Id)),
                _overlay.Where(e => e.Key > afterId).Select(e => e.Value).OfType<Feature>().Select(f => new Row(f.Id, -1, f)));
    }

    private FeatureOrder<Row> Order(IReadOnlyList<SortKey> keys) => new(keys, r => r.Id, Value);

    /// <summary>A row holding only the cursor's key, ordered by <see cref="FeatureOrder{T}"/> like any other.</summary>
    private static Row Probe(IReadOnlyList<SortKey> keys, FeatureCursor after)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            values[keys[i].Property] = after.SortValues[i];
        }

        return new Row(after.Id, -1, new Feature(after.Id, null, values));
    }

    private static IEnumerable<Row> Merge(IEnumerable<Row> a, IEnumerable<Row> b)
    {
        using var x = a.GetEnumerator();
        using var y = b.GetEnumerator();
        bool hasX = x.MoveNext(), hasY = y.MoveNext();
        while (hasX || hasY)
        {
            if (hasX && (!hasY || x.Current.Id < y.Current.Id))
            {
                yield return x.Current;
                hasX = x.MoveNext();
            }
            else
            {
                yield return y.Current;
                hasY = y.MoveNext();
            }
        }
    }

    private Feature Materialise(Row row) => row.Edited ?? _packed.Feature(row.Packed);

    private Geometry? Geometry(Row row) => row.Edited is { } f ? f.Geometry : _packed.Geometry(row.Packed);

    private object? Value(Row row, string property) =>
        property == "id" ? row.Id : row.Edited is { } f ? f[property] : _packed.Value(row.Packed, property);

    private long LastLivePackedId()
    {
        for (var row = _packed.Count - 1; row >= 0; row--)
        {
            if (!_overlay.TryGetValue(_packed.Id(row), out var edited) || edited is not null)
            {
                return _packed.Id(row);
            }
        }

        return 0;
    }

    private CollectionSummary ComputeSummary()
    {
        var extent = _overlay.IsEmpty ? _packed.Extent : null;
        object? first = null, last = null;
        foreach (var row in Live())
        {
            if (!_overlay.IsEmpty && (row.Edited is { } f ? f.Geometry?.EnvelopeInternal : _packed.EnvelopeOf(row.Packed)) is { } envelope)
            {
                extent ??= new Envelope();
                extent.ExpandToInclude(envelope);
            }

            if (_collection.Time is { } time)
            {
                first = Edge(first, Value(row, time.Start), earliest: true);
                last = Edge(last, Value(row, time.End), earliest: false);
            }
        }

        return new CollectionSummary(extent, first, last);
    }

    /// <summary>The least (or greatest) non-null value, as PostgreSQL's min and max see it.</summary>
    private static object? Edge(object? edge, object? value, bool earliest) =>
        value is null || (edge is not null && Comparer<object>.Default.Compare(value, edge) is var order && (earliest ? order >= 0 : order <= 0)) ? edge : value;

    /// <summary>A feature matches when it intersects the bbox and the intersects geometry, each tested on its own.</summary>
    private static IEnumerable<IPreparedGeometry> SpatialFilters(FeatureQuery query)
    {
        if (query.Bbox is { } box)
        {
            yield return PreparedGeometryFactory.Prepare(Crs.Cgcs2000.GeometryFactory.ToGeometry(box));
        }

        if (query.Intersects is { } geometry)
        {
            yield return PreparedGeometryFactory.Prepare(geometry);
        }
    }

    /// <summary>A live row: a packed one (its row number) or an edited feature.</summary>
    private readonly record struct Row(long Id, int Packed, Feature? Edited);
}
