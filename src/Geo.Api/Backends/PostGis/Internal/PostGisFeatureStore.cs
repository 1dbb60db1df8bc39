using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;
using Geo.Core.Filters;
using SortKey = Geo.Core.Stores.SortKey;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// The production store: one PostGIS table per collection, queried with parameterised SQL. A collection's extent and
/// row count are kept per version of the collection (migration 0011's counter), so metadata requests, which GDAL and
/// QGIS make on every open, do not scan a large table again until a write changes it.
/// </summary>
/// <param name="exactCountLimit">
/// Above this many rows (the planner's <c>reltuples</c>), an unfiltered first page whose count is not kept for the
/// collection's current version says the estimate instead of scanning the whole table for an exact count.
/// </param>
/// <param name="exactMatchLimit">
/// A filtered page counts its matches exactly up to this many past its own rows; when more match, it says the planner's
/// estimate instead of reading every match only to count it.
/// </param>
/// <param name="kept">
/// Where the data version and the collections' versions are answered from memory while current; null to read them
/// from the database every time (no listener, or reads from a standby).
/// </param>
internal sealed class PostGisFeatureStore(
    NpgsqlDataSource dataSource, long exactCountLimit = PostGisFeatureStore.DefaultExactCountLimit, int exactMatchLimit = PostGisFeatureStore.DefaultExactMatchLimit,
    KeptVersions? kept = null)
    : IFeatureStore
{
    /// <summary>Ten maximum pages: below it, one scan for the exact count costs about what a large page does.</summary>
    public const long DefaultExactCountLimit = 100_000;

    /// <summary>
    /// One maximum page: counting this many matching ids costs PostgreSQL about what writing a large page costs us
    /// (docs/BENCHMARKS.md, "a filtered count with a limit"), and is never more than a bounded cost over the page.
    /// </summary>
    public const int DefaultExactMatchLimit = 10_000;

    internal const string DataVersionSql = "SELECT 'postgis-' || epoch::text || '-' || counter FROM data_version";

    /// <summary>
    /// One collection's version (migration 0011: bumped by the statement triggers with the collection's id), a scalar
    /// subquery for reading it in the statement that reads the collection. The id is the catalog's, a lower-case word.
    /// </summary>
    internal static string CollectionVersionSql(CollectionDefinition collection) => collection.Id.All(c => c is (>= 'a' and <= 'z') or '_')
        ? $"SELECT 'postgis-' || epoch::text || '-{collection.Id}.' || coalesce((SELECT counter FROM collection_versions WHERE collection = '{collection.Id}'), 0) FROM data_version"
        : throw new ArgumentException($"collection id '{collection.Id}' is not a lower-case word", nameof(collection));

    private readonly ConcurrentDictionary<string, KeptSummary> _summaries = new(StringComparer.Ordinal);

    private long _summaryScans;

    public string Kind => "postgis";

    /// <summary>How many times a whole table was scanned for its extent and count because no summary was kept for the collection's current version.</summary>
    public long SummaryScans => Interlocked.Read(ref _summaryScans);

    public async Task<Feature?> GetAsync(CollectionDefinition collection, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        await using var command = Command(
            $"SELECT {PostGisColumns.SelectList(collection)} FROM {PostGisColumns.Quote(collection.TableName)} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostGisColumns.ReadFeature(collection, reader) : null;
    }

    public async IAsyncEnumerable<Feature> QueryAsync(FeatureQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = Command();
        command.CommandText = Select(query, command.Parameters);
        await using var reader = await FilterErrors(() => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        while (await FilterErrors(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
        {
            yield return PostGisColumns.ReadFeature(query.Collection, reader);
        }
    }

    /// <summary>
    /// The count and the rows in one read-only REPEATABLE READ transaction: both statements see the snapshot taken by
    /// the first, so rows committed after the count are not sent (nor rows deleted after it missed). statement_timeout
    /// is set on every connection of the data source (Database:StatementTimeoutSeconds, sized for a page); a longer
    /// <see cref="FeatureQuery.TimeLimit"/> raises it for this transaction alone (<c>SET LOCAL</c>), so the pooled
    /// connection goes back with the usual limit. The count and the settings go in one round trip; disposing the page
    /// closes the connection, which rolls the transaction back.
    /// </summary>
    public async Task<FeaturePage> QuerySnapshotAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"));
            if (query.TimeLimit is { } timeLimit)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    string.Create(CultureInfo.InvariantCulture, $"SET LOCAL statement_timeout = {(long)timeLimit.TotalMilliseconds}")));
            }

            batch.BatchCommands.Add(SnapshotCount(query));
            var matched = (long)(await FilterErrors(() => batch.ExecuteScalarAsync(cancellationToken)).ConfigureAwait(false))!;
            return new FeaturePage(SnapshotRows(query, transaction, cancellationToken), matched, matchedIsEstimate: false, connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The snapshot's count. Unfiltered, with a summary kept: its count when the snapshot's collection version is the kept
    /// one (the version moves with every write to the collection, in the writing transaction), so a table is not scanned for a count
    /// already known; PostgreSQL runs the <c>ELSE</c> subquery only when it is reached.
    /// </summary>
    private NpgsqlBatchCommand SnapshotCount(FeatureQuery query)
    {
        var count = new NpgsqlBatchCommand();
        var sql = $"SELECT count(*) FROM {PostGisColumns.Quote(query.Collection.TableName)} {Where(query with { After = null }, count.Parameters)}";
        count.CommandText = query.Filter is null && !query.HasSpatialFilter && _summaries.TryGetValue(query.Collection.Id, out var kept)
            ? $"SELECT CASE WHEN ({CollectionVersionSql(query.Collection)}) = {Parameter(count.Parameters, kept.CollectionVersion)} THEN {Parameter(count.Parameters, kept.Count)} ELSE ({sql}) END"
            : sql;
        return count;
    }

    private async IAsyncEnumerable<Feature> SnapshotRows(FeatureQuery query, NpgsqlTransaction transaction, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(null, transaction.Connection, transaction);
        command.CommandText = Select(query, command.Parameters);
        await using var reader = await FilterErrors(() => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        while (await FilterErrors(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
        {
            yield return PostGisColumns.ReadFeature(query.Collection, reader);
        }
    }

    /// <summary>
    /// Unfiltered: the kept count, or the planner's estimate for a large table on the first page (later pages count
    /// exactly once per version of the collection, so that <c>next</c> links end where the data does). Filtered: the count comes
    /// with the page (<see cref="CountedSelect"/>), one scan instead of <c>count(*)</c> and the data, counting at most
    /// <c>exactMatchLimit</c> matches past the page; the window needs every match it counts before the first row, so a
    /// filter error surfaces here, before anything is written. Past the limit the number is the planner's estimate
    /// (<see cref="EstimatedPageAsync"/>). Either way the data version comes before the rows in
    /// a round trip already made: with the count, or as the first statement of the page's batch (both sent at once).
    /// </summary>
    public async Task<FeaturePage> QueryPageAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Filter is null && !query.HasSpatialFilter)
        {
            return await UnfilteredPageAsync(query, cancellationToken).ConfigureAwait(false) ?? await CountedPageAsync(query, cancellationToken).ConfigureAwait(false);
        }

        var batch = dataSource.CreateBatch();
        NpgsqlDataReader? reader = null;
        try
        {
            var rows = new NpgsqlBatchCommand();
            var countLimit = CountLimit(query);
            rows.CommandText = CountedSelect(query, rows.Parameters, countLimit);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(PageSettings(query, countLimit) is { Length: > 0 } settings
                ? $"SELECT ({DataVersionSql}), {settings}"
                : DataVersionSql));
            batch.BatchCommands.Add(rows);
            reader = await FilterErrors(() => batch.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var version = reader.GetString(0);
            await FilterErrors(() => reader.NextResultAsync(cancellationToken)).ConfigureAwait(false);
            var first = await FilterErrors(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false);

            // No row on a later page says nothing about the rows before it: only then is a separate count needed. A
            // keyset page counts the matches after its cursor, in one snapshot with the rows, on top of the cursor's position.
            var before = query.After?.Position ?? 0;
            var counted = first ? reader.GetInt64(reader.FieldCount - 1) : 0;
            if (counted > countLimit)
            {
                var lastCounted = reader.GetInt64(reader.FieldCount - 2);
                return await EstimatedPageAsync(query, reader, batch, new Counted(before, counted, lastCounted), version, cancellationToken).ConfigureAwait(false);
            }

            var matched = first ? before + counted
                : query.Offset == 0 ? before
                : await CountAsync(query, cancellationToken).ConfigureAwait(false);
            return new FeaturePage(Rows(query.Collection, reader, first, cancellationToken), matched, matchedIsEstimate: false, new Owner(reader, batch), version);
        }
        catch
        {
            await new Owner(reader, batch).DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A filtered page whose matches were not all counted: its rows (at most the page's limit) are read into memory and
    /// the connection returned before the estimate is asked for. Reading the page again after the estimate would repeat
    /// the scan; holding the reader open while asking on a second connection could wait behind a table swap that waits
    /// for this reader. The estimate is the planner's for the filter (without the keyset cursor: the whole result)
    /// unless that is below the matches already counted: the planner is then guessing (a <c>lower(…) LIKE</c> has no
    /// statistics: 0.5 % of the rows; a table imported a moment ago has none), and the count is extrapolated instead,
    /// from the share of the ids scanned (<see cref="Counted"/>) in the ids the whole result spans, as the planner
    /// estimates id ranges from the primary key's statistics.
    /// </summary>
    private async Task<FeaturePage> EstimatedPageAsync(
        FeatureQuery query, NpgsqlDataReader reader, NpgsqlBatch batch, Counted counted, string version, CancellationToken cancellationToken)
    {
        var features = new List<Feature>();
        await using (new Owner(reader, batch))
        {
            await foreach (var feature in Rows(query.Collection, reader, first: true, cancellationToken).ConfigureAwait(false))
            {
                features.Add(feature);
            }
        }

        var table = PostGisColumns.Quote(query.Collection.TableName);
        await using var estimates = dataSource.CreateBatch();
        var filtered = new NpgsqlBatchCommand();
        filtered.CommandText = $"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} " + Where(query with { After = null }, filtered.Parameters, forEstimate: true);
        var scanned = new NpgsqlBatchCommand($"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} WHERE id > $1 AND id <= $2");
        scanned.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.After?.Id ?? long.MinValue });
        scanned.Parameters.Add(new NpgsqlParameter<long> { TypedValue = counted.LastId });
        var rest = new NpgsqlBatchCommand($"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} WHERE id > $1");
        rest.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.After?.Id ?? long.MinValue });
        estimates.BatchCommands.Add(filtered);
        estimates.BatchCommands.Add(scanned);
        estimates.BatchCommands.Add(rest);
        var plans = new List<long>();
        await using (var plan = await FilterErrors(() => estimates.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false))
        {
            do
            {
                await plan.ReadAsync(cancellationToken).ConfigureAwait(false);
                plans.Add(PlannedRows(plan.GetString(0)));
            }
            while (await plan.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        var atLeast = counted.Before + counted.Matches;
        var estimate = plans[0] >= atLeast ? plans[0] : counted.Before + (long)Math.Round(counted.Matches * (double)plans[2] / plans[1]);
        return new FeaturePage(features.ToAsyncEnumerable(), Math.Max(estimate, atLeast), matchedIsEstimate: true, dataVersion: version);
    }

    /// <summary>
    /// What a capped page counted: <see cref="Matches"/> in id order after the cursor (or from the start), the last of
    /// them <see cref="LastId"/>, on top of <see cref="Before"/> (the cursor's position).
    /// </summary>
    private readonly record struct Counted(long Before, long Matches, long LastId);

    /// <summary>The rows the planner expects the top node of an <c>EXPLAIN (FORMAT JSON)</c> to return.</summary>
    private static long PlannedRows(string plan)
    {
        using var document = JsonDocument.Parse(plan);
        return (long)document.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    /// <summary>
    /// Settings for one page's statement, as <c>set_config(…, true)</c> calls that hold until the batch's implicit
    /// transaction ends (SET LOCAL would warn outside BEGIN). A box that may match many is planned for its own values
    /// (<see cref="MayMatchMany"/>). A page whose count has a limit reads at most that many ids in primary-key order, and
    /// for it parallel workers cost more to start than they save: with a limit of 10,102 PostgreSQL chose a parallel
    /// index scan for a district-wide box, 172 ms against 40 ms for the plain scan it takes with 10,012 (docs/BENCHMARKS.md, session 15).
    /// </summary>
    private string PageSettings(FeatureQuery query, long? countLimit)
    {
        List<string> settings = [];
        if (MayMatchMany(query))
        {
            settings.Add("set_config('plan_cache_mode', 'force_custom_plan', true)");
        }

        if (countLimit is not null)
        {
            settings.Add("set_config('max_parallel_workers_per_gather', '0', true)");
        }

        return string.Join(", ", settings);
    }

    /// <summary>
    /// Whether a spatial filter may select many features: more than a tenth of <c>exactMatchLimit</c> if the kept
    /// summary's features were spread evenly over its extent; true when no summary is kept. The page statement is
    /// prepared, and after five runs PostgreSQL plans it once for any box (a generic plan): for that plan a box selects
    /// a row or two, so it reads every match through the spatial index and sorts them, 1.4–2.1 s for a district-wide box
    /// on 1,000,000 parcels where a plan for the box itself walks the primary key and stops after the count's limit
    /// (docs/BENCHMARKS.md, "a filtered count with a limit"). Planning for each box costs little beside a page of
    /// many features, but a third of the throughput of an 11-feature page, so small boxes keep the generic plan. A CQL2
    /// spatial predicate (the viewer's count in an area, a zone's polygon) is always planned for its geometry.
    /// </summary>
    private bool MayMatchMany(FeatureQuery query)
    {
        if (query.Filter is { } filter && HasSpatialPredicate(filter))
        {
            return true;
        }

        if (!query.HasSpatialFilter)
        {
            return false;
        }

        if (!_summaries.TryGetValue(query.Collection.Id, out var kept))
        {
            return true;
        }

        if (kept.Summary.Extent is not { } extent)
        {
            return false;
        }

        var search = query.SearchEnvelope!;
        var share = extent.Area > 0 ? extent.Intersection(search).Area / extent.Area : extent.Intersects(search) ? 1 : 0;
        return share * kept.Count > exactMatchLimit / 10.0;
    }

    /// <summary>Walked with a stack, not recursion: a filter's depth is limited, but not by this method.</summary>
    private static bool HasSpatialPredicate(FilterExpression filter)
    {
        var pending = new Stack<FilterExpression>([filter]);
        while (pending.TryPop(out var node))
        {
            if (node is SpatialPredicate)
            {
                return true;
            }

            foreach (var child in FilterTree.Children(node))
            {
                pending.Push(child);
            }
        }

        return false;
    }

    /// <summary>
    /// How many matches a page counts exactly at most: its own rows and <c>exactMatchLimit</c> past them; null for no
    /// limit. A sorted page has none: it reads every match to sort them (only <c>id</c> is indexed), so counting them
    /// all costs next to nothing, and the first matches in another order say nothing of how many there are.
    /// </summary>
    private long? CountLimit(FeatureQuery query) =>
        query.Limit is { } limit && query.SortBy.Count == 0 ? query.Offset + (long)limit + exactMatchLimit : null;

    public async Task<long> CountAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Filter is null && !query.HasSpatialFilter)
        {
            return (await SummaryAsync(query.Collection, cancellationToken).ConfigureAwait(false)).Count;
        }

        await using var command = Command();
        command.CommandText = $"SELECT count(*) FROM {PostGisColumns.Quote(query.Collection.TableName)} {Where(query with { After = null }, command.Parameters)}";
        return (long)(await FilterErrors(() => command.ExecuteScalarAsync(cancellationToken)).ConfigureAwait(false))!;
    }

    public async Task<string> GetDataVersionAsync(CancellationToken cancellationToken)
    {
        if (kept is not null)
        {
            return kept.FindDataVersion() ?? (await ReadKeptVersionsAsync([], cancellationToken).ConfigureAwait(false)).DataVersion;
        }

        await using var command = Command(DataVersionSql);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<string>> GetCollectionVersionsAsync(IReadOnlyList<CollectionDefinition> collections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collections);
        if (kept is null)
        {
            await using var command = Command($"SELECT ARRAY[{string.Join(", ", collections.Select(c => $"({CollectionVersionSql(c)})"))}]::text[]");
            return (string[])(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        return kept.Find(collections) ?? (await ReadKeptVersionsAsync(collections, cancellationToken).ConfigureAwait(false)).Collections;
    }

    /// <summary>
    /// The data version and every collection's (so that whichever is asked next is kept too) in one statement, kept under
    /// that data version; <paramref name="collections"/>' versions in the order asked.
    /// </summary>
    private async Task<(string DataVersion, string[] Collections)> ReadKeptVersionsAsync(IReadOnlyList<CollectionDefinition> collections, CancellationToken cancellationToken)
    {
        List<CollectionDefinition> all = [.. Catalog.All.UnionBy(collections, c => c.Id)];
        var connection = kept!.Connection;
        await using var read = Command($"SELECT ({DataVersionSql}), ARRAY[{string.Join(", ", all.Select(c => $"({CollectionVersionSql(c)})"))}]::text[]");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (dataVersion, versions) = (reader.GetString(0), reader.GetFieldValue<string[]>(1));
        kept.Keep(dataVersion, connection, all, versions);
        return (dataVersion, [.. collections.Select(c => versions[all.FindIndex(a => a.Id == c.Id)])]);
    }

    /// <summary>
    /// From the editor's log (migration 0012): known when every statement between the two counters was an edit made
    /// through the service, in this database (the epoch).
    /// </summary>
    public async Task<ChangedArea> GetChangedAreaAsync(CollectionDefinition collection, string fromVersion, string toVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (Counter(collection, fromVersion) is not { } from || Counter(collection, toVersion) is not { } to || from.Epoch != to.Epoch || from.Counter > to.Counter)
        {
            return ChangedArea.Unknown;
        }

        await using var command = Command(
            "SELECT d.epoch::text, c.n, c.boxes FROM data_version d, "
            + "(SELECT count(*), array_agg(ARRAY[min_x, min_y, max_x, max_y] ORDER BY counter) FILTER (WHERE min_x IS NOT NULL) "
            + "FROM collection_changes WHERE collection = $1 AND counter > $2 AND counter <= $3) c(n, boxes)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from.Counter });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to.Counter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reader.GetString(0) != from.Epoch || reader.GetInt64(1) != to.Counter - from.Counter)
        {
            return ChangedArea.Unknown;
        }

        // One row (min x, min y, max x, max y) per edit that changed anything drawn; none when no edit did.
        var boxes = reader.IsDBNull(2) ? new double[0, 4] : reader.GetFieldValue<double[,]>(2);
        return new ChangedArea(true, [.. Enumerable.Range(0, boxes.GetLength(0)).Select(k => new Envelope(boxes[k, 0], boxes[k, 2], boxes[k, 1], boxes[k, 3]))]);
    }

    /// <summary>The database epoch and the counter of a version <see cref="CollectionVersionSql"/> wrote for the collection; null for any other.</summary>
    private static (string Epoch, long Counter)? Counter(CollectionDefinition collection, string version)
    {
        const string Prefix = "postgis-";
        var marker = $"-{collection.Id}.";
        var at = version.LastIndexOf(marker, StringComparison.Ordinal);
        return version.StartsWith(Prefix, StringComparison.Ordinal) && at > Prefix.Length
               && long.TryParse(version.AsSpan(at + marker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var counter)
            ? (version[Prefix.Length..at], counter)
            : null;
    }

    /// <summary>
    /// No round trip when a summary is kept for <paramref name="collectionVersion"/>; otherwise one scan, kept under the
    /// version read with it (newer than the caller's if a write came between: the caller's next ETag differs anyway).
    /// Kept per collection version, a million parcels are not scanned again because a project was edited.
    /// </summary>
    public async Task<CollectionSummary> GetSummaryAsync(CollectionDefinition collection, string collectionVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        if (!collection.HasGeometry && collection.Time is null)
        {
            return Empty;
        }

        return (await KeptOrScanAsync(collection, collectionVersion, cancellationToken).ConfigureAwait(false)).Summary;
    }

    private static readonly CollectionSummary Empty = new(null, null, null);

    private async Task<KeptSummary> SummaryAsync(CollectionDefinition collection, CancellationToken cancellationToken) =>
        await KeptOrScanAsync(collection, (await GetCollectionVersionsAsync([collection], cancellationToken).ConfigureAwait(false))[0], cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The kept summary when it is for <paramref name="collectionVersion"/>; otherwise one scan for extent, count and time
    /// span, read in the same statement (one snapshot) as the versions it is kept under, so a write made meanwhile can
    /// never be hidden by it.
    /// </summary>
    private async Task<KeptSummary> KeptOrScanAsync(CollectionDefinition collection, string collectionVersion, CancellationToken cancellationToken)
    {
        if (_summaries.TryGetValue(collection.Id, out var kept) && kept.CollectionVersion == collectionVersion)
        {
            return kept;
        }

        Interlocked.Increment(ref _summaryScans);
        var extent = collection.HasGeometry ? "ST_Extent(geom)" : "NULL::box2d";
        var time = collection.Time is { } t ? $"min({PostGisColumns.Quote(t.Start)}), max({PostGisColumns.Quote(t.End)})" : "NULL, NULL";
        await using var command = Command(
            $"SELECT ({CollectionVersionSql(collection)}), ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), n, t0, t1 "
            + $"FROM (SELECT {extent}, count(*), {time} FROM {PostGisColumns.Quote(collection.TableName)}) x(e, n, t0, t1)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var summary = new KeptSummary(
            reader.GetString(0),
            reader.GetInt64(5),
            new CollectionSummary(
                reader.IsDBNull(1) ? null : new Envelope(reader.GetDouble(1), reader.GetDouble(3), reader.GetDouble(2), reader.GetDouble(4)),
                collection.Time is { } first ? PostGisColumns.ReadValue(collection.FindProperty(first.Start)!, reader, 6) : null,
                collection.Time is { } last ? PostGisColumns.ReadValue(collection.FindProperty(last.End)!, reader, 7) : null));
        _summaries[collection.Id] = summary;
        return summary;
    }

    /// <summary>
    /// An unfiltered page in one round trip: the data version, the collection's and the planner's row estimate, then the
    /// rows, sent as one batch. The count is the one kept for the collection's version, or the estimate for a large
    /// table's first page (later pages count exactly once per version of the collection, so that <c>next</c> links end
    /// where the data does); null when neither applies (a table of up to <c>exactCountLimit</c> rows, or a later offset page, once per version: the
    /// rows already sent are read past), and the page is then read after an exact count (<see cref="CountedPageAsync"/>).
    /// </summary>
    private async Task<FeaturePage?> UnfilteredPageAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        var collection = query.Collection;
        var batch = dataSource.CreateBatch();
        NpgsqlDataReader? reader = null;
        try
        {
            var head = new NpgsqlBatchCommand($"SELECT ({DataVersionSql}), reltuples::bigint, ({CollectionVersionSql(collection)}) FROM pg_class WHERE oid = $1::regclass");
            head.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PostGisColumns.Quote(collection.TableName) });
            var rows = new NpgsqlBatchCommand();
            rows.CommandText = Select(query, rows.Parameters);
            batch.BatchCommands.Add(head);
            batch.BatchCommands.Add(rows);
            reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var version = reader.GetString(0);

            // reltuples is -1 for a table never vacuumed or analysed: then count.
            var estimate = reader.GetInt64(1);
            var (count, estimated) = _summaries.TryGetValue(collection.Id, out var kept) && kept.CollectionVersion == reader.GetString(2) ? (kept.Count, false)
                : query.Offset == 0 && estimate > exactCountLimit ? (estimate, true)
                : (-1, false);
            if (count < 0)
            {
                await new Owner(reader, batch).DisposeAsync().ConfigureAwait(false);
                return null;
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var first = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new FeaturePage(Rows(collection, reader, first, cancellationToken), count, estimated, new Owner(reader, batch), version);
        }
        catch
        {
            await new Owner(reader, batch).DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// An unfiltered page after an exact count (one scan, kept for the collection version it was read at). No data
    /// version: a summary kept across writes to other collections has none that is current, so the caller reads it.
    /// </summary>
    private async Task<FeaturePage> CountedPageAsync(FeatureQuery query, CancellationToken cancellationToken)
    {
        var kept = await SummaryAsync(query.Collection, cancellationToken).ConfigureAwait(false);
        return new FeaturePage(QueryAsync(query, cancellationToken), kept.Count, matchedIsEstimate: false);
    }

    private static string Select(FeatureQuery query, NpgsqlParameterCollection parameters) =>
        $"SELECT {PostGisColumns.SelectList(query.Collection)} FROM {PostGisColumns.Quote(query.Collection.TableName)} {Where(query, parameters)} ORDER BY {OrderBy(query)}"
        + LimitOffset(query, parameters);

    /// <summary>
    /// The page and, as its last column, how many rows match the filter, in one statement: <c>count(*) OVER ()</c> over
    /// the matching ids and sort keys only, then the page's rows joined back by id. The window keeps every match it
    /// counts until the first row leaves; over whole rows (geometry and all) that was ~3 ms of PostgreSQL's CPU for a
    /// 992-parcel page, more than the page without a count (docs/BENCHMARKS.md, "the match count over ids").
    /// With <paramref name="countLimit"/> (an unsorted page) the window counts only the first that many matches in id
    /// order, and one more to tell whether there are more (the page is among them), so that primary-key order over a
    /// dense filter reads a bounded number of rows; the greatest id it counted comes before the count.
    /// </summary>
    internal static string CountedSelect(FeatureQuery query, NpgsqlParameterCollection parameters, long? countLimit = null)
    {
        var collection = query.Collection;
        var table = PostGisColumns.Quote(collection.TableName);
        var keys = query.SortBy.Select((key, i) => (
            Column: $"{PostGisKeyset.Column(collection, key)} AS page_key{i}",
            Order: $"page_key{i} {Direction(key)}")).ToList();
        var counted = $"SELECT id AS page_id{string.Concat(keys.Select(k => ", " + k.Column))} "
            + $"FROM {table} {Where(query, parameters)} ORDER BY {OrderBy(query)}"
            + (countLimit is { } limit ? $" LIMIT {Parameter(parameters, limit + 1)}" : "");
        string Order(string from) => string.Concat(keys.Select(k => from + k.Order + ", ")) + from + "page_id";
        var page = $"SELECT page_id{string.Concat(keys.Select((_, i) => $", page_key{i}"))}, max(page_id) OVER () AS page_last, count(*) OVER () AS page_matched "
            + $"FROM ({counted}) counted ORDER BY {Order("")}{LimitOffset(query, parameters)}";
        var columns = string.Join(", ", PostGisColumns.AllColumns(collection).Select(c => "f." + PostGisColumns.Quote(c)));
        return $"SELECT {columns}, page.page_last, page.page_matched FROM ({page}) page JOIN {table} f ON f.id = page.page_id ORDER BY {Order("page.")}";
    }

    private static string LimitOffset(FeatureQuery query, NpgsqlParameterCollection parameters) =>
        (query.Limit is { } limit ? $" LIMIT {Parameter(parameters, (long)limit)}" : "")
        + (query.Offset > 0 ? $" OFFSET {Parameter(parameters, (long)query.Offset)}" : "");

    private static async IAsyncEnumerable<Feature> Rows(
        CollectionDefinition collection, NpgsqlDataReader reader, bool first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!first)
        {
            yield break;
        }

        do
        {
            yield return PostGisColumns.ReadFeature(collection, reader);
        }
        while (await FilterErrors(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false));
    }

    /// <summary>Nulls last in both directions and text by code point, as the embedded store sorts; id breaks ties.</summary>
    private static string OrderBy(FeatureQuery query)
    {
        var keys = query.SortBy.Select(key => $"{PostGisKeyset.Column(query.Collection, key)} {Direction(key)}");
        return string.Join(", ", keys.Append("id"));
    }

    private static string Direction(SortKey key) => key.Descending ? "DESC NULLS LAST" : "ASC NULLS LAST";

    /// <summary>
    /// Spatial, CQL2 and keyset conditions as parameterised SQL; values are never written into the SQL text.
    /// <paramref name="forEstimate"/> leaves out the bbox's explicit <c>&amp;&amp;</c>, which ST_Intersects implies: the
    /// planner multiplies the two conditions' selectivities as if independent (388,168 rows planned for 624,561
    /// matches on the 1M-parcel table, 623,029 without it).
    /// </summary>
    private static string Where(FeatureQuery query, NpgsqlParameterCollection parameters, bool forEstimate = false)
    {
        var conditions = new List<string>();
        if (query.Filter is { } filter)
        {
            conditions.Add(new SqlFilterTranslator(parameters, query.Collection).Translate(filter));
        }

        if (query.After is { } after)
        {
            conditions.Add(PostGisKeyset.After(query, after, value => Parameter(parameters, value)));
        }

        if (!query.HasSpatialFilter)
        {
            return conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        }

        if (!query.Collection.HasGeometry)
        {
            return "WHERE false";
        }

        if (query.Bbox is { } box)
        {
            var envelope = $"ST_MakeEnvelope({Parameter(parameters, box.MinX)}, {Parameter(parameters, box.MinY)}, {Parameter(parameters, box.MaxX)}, {Parameter(parameters, box.MaxY)}, 4490)";
            conditions.Add(forEstimate ? $"ST_Intersects(geom, {envelope})" : $"geom && {envelope} AND ST_Intersects(geom, {envelope})");
        }

        if (query.Intersects is { } geometry)
        {
            conditions.Add($"ST_Intersects(geom, {Parameter(parameters, (Geometry)geometry)})");
        }

        return "WHERE " + string.Join(" AND ", conditions);
    }

    /// <summary>A filter PostgreSQL cannot evaluate (SQLSTATE class 22, e.g. a negative number to a fractional power) is the client's error.</summary>
    private static async Task<T> FilterErrors<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            throw new FilterException($"the filter cannot be evaluated: {e.MessageText}", e);
        }
    }

    private static string Parameter(NpgsqlParameterCollection parameters, object value)
    {
        parameters.Add(new NpgsqlParameter { Value = value });
        return "$" + parameters.Count;
    }

    private static string Parameter<T>(NpgsqlParameterCollection parameters, T value)
    {
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + parameters.Count;
    }

    /// <summary>A page's reader and its batch, which returns the connection to the pool when disposed.</summary>
    private sealed class Owner(NpgsqlDataReader? reader, NpgsqlBatch batch) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            await batch.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NpgsqlCommand Command(string? sql = null) => dataSource.CreateCommand(sql);

    /// <summary>A collection's summary and the collection's version it is of.</summary>
    private sealed record KeptSummary(string CollectionVersion, long Count, CollectionSummary Summary);
}
