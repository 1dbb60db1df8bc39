using System.Collections.Concurrent;

namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// The generalised pictures of the large polygon collections, each kept for the version of its collection it was read
/// at (<see cref="IFeatureStore.GetCollectionVersionsAsync"/>: edits of other collections leave it be) and made again
/// by the first generalised tile asked for after that version moves: patched where edits through the service changed
/// it, otherwise in one pass over the collection. Its size
/// is bounded by the district's area in cells, not by the number of features, plus at most
/// <see cref="TileGeneralisation.MaxLargeFeatures"/> large features. The tiles drawn from it and the merged tiles of
/// <see cref="TileGeneralisation.MergedZoom"/> (~100 KB each for 17,800 parcels; 85 tiles for the district's 1M) are
/// kept in the <see cref="TileCache"/>, under the key and version a client's request finds them by, and, once all are made,
/// in the <see cref="IGeneralisedTileStore"/>, from which a service started again at the same version of the collection (or a later one whose
/// edits changed nothing drawn, <see cref="ChangedArea"/>) takes them instead of making them again (a minute of a database core for 1,000,000 parcels, while the first visitors wait).
/// </summary>
internal sealed partial class TileOverviews(IServiceProvider services, TileCache cache, IConfiguration configuration, ILogger<TileOverviews> logger)
    : BackgroundService
{
    private readonly OncePerDataVersion<TileOverview> _overviews = new();

    /// <summary>Per collection, the last overview made and its version: what the next is patched from, even while another is being made.</summary>
    private readonly ConcurrentDictionary<string, (string DataVersion, TileOverview Overview)> _made = new(StringComparer.Ordinal);

    /// <summary>Merges under way, so that a request and the background pass asking for one tile merge it once.</summary>
    private readonly ConcurrentDictionary<(string Key, string DataVersion), Lazy<Task<VectorTileAnswer>>> _merging = new();

    private readonly ConcurrentDictionary<string, (string DataVersion, bool Generalised)> _decisions = new(StringComparer.Ordinal);

    /// <summary>Per collection, the reading of its stored tiles at one version of it: null when none were stored.</summary>
    private readonly OncePerDataVersion<StoredSet?> _stored = new();

    /// <summary>
    /// Per collection whose grid this process built (or, until it builds one, whose stored tiles it read), the tiles of
    /// zoom 0–11 with anything drawn in them at the last version all were drawn at, and whether tiles of those zooms may
    /// be kept across edits with an envelope (<see cref="TileOverview.HoldsEveryLargeFeature"/>). A set read from the
    /// store says nothing of the latter.
    /// </summary>
    private readonly ConcurrentDictionary<string, (string DataVersion, HashSet<TileAddress> Tiles, bool Carriable)> _drawn = new(StringComparer.Ordinal);

    /// <summary>Where a collection changed between two of its versions, asked of the store once per pair.</summary>
    private readonly ConcurrentDictionary<(string Collection, string From, string To), Lazy<Task<ChangedArea>>> _changes = new();

    /// <summary>
    /// How far past its edges, in tiles, a tile is drawn from its collection's features: the MVT buffer (1/16), and
    /// the generalised cells and large features straddling an edge, with room to spare.
    /// </summary>
    private const double Reach = 0.25;

    // Resolved on first use, not at host start: the embedded store loads its data when first resolved.
    private IFeatureStore Store => services.GetRequiredService<IFeatureStore>();

    private IVectorTileSource Source => services.GetRequiredService<IVectorTileSource>();

    private IGeneralisedTileStore Stored => services.GetRequiredService<IGeneralisedTileStore>();

    /// <summary>
    /// What shapes a generalised tile besides the data: this build (its module id changes whenever its code does; a build
    /// of the same code elsewhere may change it too, which costs one more making) and the tile settings. Tiles stored by
    /// another build or under other settings are not used.
    /// </summary>
    public string MadeBy => FormattableString.Invariant(
        $"{typeof(TileOverviews).Module.ModuleVersionId:N}/above {TileGeneralisation.AboveFeatures(configuration)}/max {MaxFeatures}");

    /// <summary>Whether tiles of <paramref name="collection"/> at <paramref name="zoom"/> are generalised at <paramref name="dataVersion"/>.</summary>
    public async Task<bool> AppliesAsync(CollectionDefinition collection, int zoom, string dataVersion, CancellationToken cancellationToken) =>
        zoom <= TileGeneralisation.MaxZoom && await IsGeneralisedAsync(collection, dataVersion, cancellationToken);

    /// <summary>
    /// Whether the collection is generalised at low zoom: a polygon collection over the threshold by its kept or
    /// estimated count, asked once per version of the collection (a tile then costs no round trip for it).
    /// </summary>
    public async Task<bool> IsGeneralisedAsync(CollectionDefinition collection, string dataVersion, CancellationToken cancellationToken)
    {
        if (!TileGeneralisation.CanApply(collection))
        {
            return false;
        }

        if (_decisions.TryGetValue(collection.Id, out var decided) && decided.DataVersion == dataVersion)
        {
            return decided.Generalised;
        }

        await using var page = await Store.QueryPageAsync(new FeatureQuery(collection) { Limit = 1 }, cancellationToken);
        var generalised = page.Matched > TileGeneralisation.AboveFeatures(configuration);
        _decisions[collection.Id] = (dataVersion, generalised);
        return generalised;
    }

    /// <summary>
    /// Whether the collection was found not generalised at the last version of it asked about (or can never be): then a
    /// tile of it is most likely exact, and the caller may read it with its version in one round trip, asking
    /// <see cref="IsGeneralisedAsync"/> about the version read to be sure.
    /// </summary>
    public bool WasExact(CollectionDefinition collection) =>
        !TileGeneralisation.CanApply(collection) || (_decisions.TryGetValue(collection.Id, out var decided) && !decided.Generalised);

    /// <summary>
    /// A generalised tile (tileMatrix 0–<see cref="TileGeneralisation.MaxZoom"/>): kept, stored (every tile with anything
    /// drawn in it is stored, so one not stored is empty), or drawn from the overview, built first if need be.
    /// </summary>
    public async Task<VectorTileAnswer> GetTileAsync(CollectionDefinition collection, TileAddress tile, string dataVersion, CancellationToken cancellationToken)
    {
        var key = TileCache.Key([collection], tile);
        if (cache.Find(key, dataVersion) is { } kept)
        {
            return kept.Answer;
        }

        // Carried from the cache before the store is read: the store holds what this process has made (or the same).
        if (await CarriedAsync(collection, tile, dataVersion, cancellationToken).ConfigureAwait(false) is { } carried)
        {
            return carried;
        }

        if (await ReadStoredAsync(collection, dataVersion).WaitAsync(cancellationToken).ConfigureAwait(false) is { } stored)
        {
            if (cache.Find(key, dataVersion) is { } read)
            {
                return read.Answer;
            }

            if (!stored.Drawn.Contains(tile))
            {
                return VectorTileAnswer.Empty;
            }
        }

        // Never made, or made and since evicted from the cache.
        return Drawn(collection, await OverviewAsync(collection, dataVersion, cancellationToken).ConfigureAwait(false), tile, dataVersion);
    }

    /// <summary>
    /// The tile as made at an earlier version of the collection, kept and answered at <paramref name="dataVersion"/>
    /// when the store can tell that nothing changed within its reach since (<see cref="ChangedArea"/>): a parcel edited
    /// through the service makes the tiles around it again, not the district's, while its grid is patched. The
    /// earlier tile is the one this class kept in the cache (not an exact tile of a version at which the collection was
    /// not generalised), or at zoom 0–11 an empty one when nothing was drawn in it at the last version all were drawn at
    /// or read from the store at. At zoom 0–11 a change anywhere may reach a tile through the large features drawn whole,
    /// so after a change with any envelope only once this process has built the grid and found every large feature in
    /// it. Null when there is none, or the change may reach it.
    /// </summary>
    private async Task<VectorTileAnswer?> CarriedAsync(CollectionDefinition collection, TileAddress tile, string dataVersion, CancellationToken cancellationToken)
    {
        var key = TileCache.Key([collection], tile);
        var drawn = _drawn.GetValueOrDefault(collection.Id);
        var (from, answer) = cache.Find(key) is { Costly: true } kept && kept.DataVersion != dataVersion ? (kept.DataVersion, kept.Answer)
            : tile.Z <= TileGeneralisation.MaxZoom && drawn.Tiles is not null && drawn.DataVersion != dataVersion && !drawn.Tiles.Contains(tile)
                ? (drawn.DataVersion, VectorTileAnswer.Empty)
                : (null, null);
        if (from is null || answer is null)
        {
            return null;
        }

        var changes = await ChangesAsync(collection, from, dataVersion).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!changes.Spares(tile.LonLatEnvelope(Reach)) || (tile.Z <= TileGeneralisation.MaxZoom && !changes.ChangesNothingDrawn && drawn is not { Carriable: true }))
        {
            return null;
        }

        return cache.Keep(key, dataVersion, answer, costly: true).Answer;
    }

    /// <summary>The store's answer, once per pair of versions (a few pairs are asked about at a time); a store that cannot answer is taken to say it cannot tell.</summary>
    private Task<ChangedArea> ChangesAsync(CollectionDefinition collection, string from, string to)
    {
        if (_changes.Count > 64)
        {
            _changes.Clear();
        }

        return _changes.GetOrAdd((collection.Id, from, to), _ => new Lazy<Task<ChangedArea>>(() => Task.Run(async () =>
        {
            try
            {
                return await Store.GetChangedAreaAsync(collection, from, to, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Not kept: the next tile asks again (a timeout, a store not ready yet).
                LogChangesFailed(e, collection.Id);
                _changes.TryRemove((collection.Id, from, to), out var _);
                return ChangedArea.Unknown;
            }
        }))).Value;
    }

    private VectorTileAnswer Drawn(CollectionDefinition collection, TileOverview overview, TileAddress tile, string dataVersion) =>
        cache.Keep(TileCache.Key([collection], tile), dataVersion, overview.Draw(tile), costly: true).Answer;

    /// <summary>
    /// A tile at <see cref="TileGeneralisation.MergedZoom"/> of a generalised collection, merged by the backend once per
    /// version of the collection and kept in the <see cref="TileCache"/>: merging costs ~1.5 s a tile of 17,800 parcels, too slow to
    /// make on every request, so the overview's pass merges every tile of the collection in the background
    /// (<see cref="Start"/>); a tile asked for first is merged on demand, once, whoever asks. A failed merge, or one
    /// refused for too many features, is not kept.
    /// </summary>
    public async Task<VectorTileAnswer> GetMergedTileAsync(CollectionDefinition collection, TileAddress tile, string dataVersion, CancellationToken cancellationToken)
    {
        var key = TileCache.Key([collection], tile);
        if (cache.Find(key, dataVersion) is { } kept)
        {
            return kept.Answer;
        }

        if (await CarriedAsync(collection, tile, dataVersion, cancellationToken).ConfigureAwait(false) is { } carried)
        {
            return carried;
        }

        if (await ReadStoredAsync(collection, dataVersion).WaitAsync(cancellationToken).ConfigureAwait(false) is not null && cache.Find(key, dataVersion) is { } stored)
        {
            return stored.Answer;
        }

        var merging = (key, dataVersion);
        var making = _merging.GetOrAdd(merging, _ => new Lazy<Task<VectorTileAnswer>>(() => Task.Run(async () =>
        {
            try
            {
                var merged = await Source.GetMergedTileAsync(collection, tile, MaxFeatures, CancellationToken.None).ConfigureAwait(false);
                if (!merged.IsTooMany)
                {
                    cache.Keep(key, dataVersion, merged, costly: true);
                }

                return merged;
            }
            finally
            {
                _merging.TryRemove(merging, out var _);
            }
        })));
        return await making.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private int MaxFeatures => configuration.GetValue("Tiles:MaxFeaturesPerTile", TilesEndpoints.DefaultMaxFeatures);

    /// <summary>
    /// At start, the tiles stored at the collection's version are read into the cache; the overviews of the collections that need
    /// one and have none stored are built before any tile asks, so the first low-zoom tile does not wait for the pass
    /// (seconds on a million parcels). A failure here is logged; the first tile retries.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!await StoreLoadedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (var collection in Catalog.All)
        {
            try
            {
                var version = (await Store.GetCollectionVersionsAsync([collection], stoppingToken).ConfigureAwait(false))[0];
                if (await IsGeneralisedAsync(collection, version, stoppingToken).ConfigureAwait(false)
                    && await ReadStoredAsync(collection, version).WaitAsync(stoppingToken).ConfigureAwait(false) is null)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var overview = await OverviewAsync(collection, version, stoppingToken).ConfigureAwait(false);
                    LogBuilt(collection.Id, overview.CellCount, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e, collection.Id);
            }
        }
    }

    /// <summary>
    /// Waits while the embedded store loads in the background (it says when to ask again), so that no warning is logged
    /// for data that is merely not there yet; false when the data could not be loaded at all (readiness reports that).
    /// </summary>
    private async Task<bool> StoreLoadedAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await Store.GetDataVersionAsync(stoppingToken).ConfigureAwait(false);
                return true;
            }
            catch (StoreNotReadyException e) when (e.RetryAfterSeconds is not null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken).ConfigureAwait(false);
            }
            catch (StoreNotReadyException)
            {
                return false;
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Anything else (a database still being migrated, a statement timeout) is logged per collection below:
                // an exception leaving a background service would stop the whole host.
                return true;
            }
        }
    }

    private Task<TileOverview> OverviewAsync(CollectionDefinition collection, string dataVersion, CancellationToken cancellationToken)
    {
        return _overviews.Get(collection.Id, dataVersion, () => BuildAsync(collection, dataVersion)).WaitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generalised tiles of {Collection}: {Cells} cells over tileMatrix 0–11, built in {Seconds:F1} s")]
    private partial void LogBuilt(string collection, long cells, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generalised tiles of {Collection}: an edited area patched in, {Cells} cells read again in {ReadMilliseconds:F0} ms, the grid patched in {PatchMilliseconds:F0} ms")]
    private partial void LogPatched(string collection, long cells, double readMilliseconds, double patchMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generalised tiles of {Collection}: the cells an edit changed could not be read; the whole collection is read instead")]
    private partial void LogPatchFailed(Exception exception, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged tiles of {Collection}: {Tiles} tiles at tileMatrix 12 ({Failed} failed), merged in {Seconds:F1} s")]
    private partial void LogMerged(string collection, int tiles, int failed, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merged tile {Tile} of {Collection} could not be made in the background; it is merged again when asked for")]
    private partial void LogMergeFailed(Exception exception, string collection, string tile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generalised tiles of {Collection} could not be built at start; the first low-zoom tile will try again")]
    private partial void LogFailed(Exception exception, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generalised tiles of {Collection}: {Tiles} tiles read from the store at data version {DataVersion} (stored at {StoredVersion}) in {Seconds:F1} s")]
    private partial void LogRead(string collection, int tiles, string dataVersion, string storedVersion, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Where {Collection} changed could not be read; its tiles are made again")]
    private partial void LogChangesFailed(Exception exception, string collection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored generalised tiles of {Collection} could not be read; they are made again")]
    private partial void LogReadFailed(Exception exception, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generalised tiles of {Collection}: {Tiles} tiles stored at data version {DataVersion} in {Seconds:F1} s")]
    private partial void LogStored(string collection, int tiles, string dataVersion, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generalised tiles of {Collection} could not be stored; a restart will make them again")]
    private partial void LogStoreFailed(Exception exception, string collection);

    /// <summary>
    /// The collection's overview at <paramref name="dataVersion"/>: the last one made with the edits since patched in (<see cref="PatchedAsync"/>), or one pass over the collection; then, in the background, its tiles
    /// drawn and merged, unless stored tiles were read for this version (tiles asked for before are drawn or merged on demand),
    /// and, all made, stored.
    /// </summary>
    private async Task<TileOverview> BuildAsync(CollectionDefinition collection, string dataVersion)
    {
        var overview = (_made.TryGetValue(collection.Id, out var made) ? await PatchedAsync(collection, dataVersion, made).ConfigureAwait(false) : null)
            ?? TileOverview.Build(collection, await Source.ReadOverviewAsync(collection, null, CancellationToken.None).ConfigureAwait(false));
        if (_overviews.IsLatest(collection.Id, dataVersion) || !_made.ContainsKey(collection.Id))
        {
            // Not a late request's build at an older version over a newer grid (which would only cost a whole read).
            _made[collection.Id] = (dataVersion, overview);
        }
        _ = Task.Run(async () =>
        {
            if (await ReadStoredAsync(collection, dataVersion).ConfigureAwait(false) is not null)
            {
                return;
            }

            var drawn = DrawAll(collection, overview, dataVersion);
            _drawn[collection.Id] = (dataVersion, drawn.Select(t => t.Tile).ToHashSet(), overview.HoldsEveryLargeFeature);
            if (await MergeAllAsync(collection, dataVersion, overview.Tiles(TileGeneralisation.MergedZoom)).ConfigureAwait(false) is { } merged)
            {
                await StoreAsync(collection, dataVersion, [.. drawn, .. merged]).ConfigureAwait(false);
            }
        });

        return overview;
    }

    /// <summary>
    /// The overview built at an earlier version of the collection, with what changed since read again and patched in,
    /// when the store can tell where it changed (edits through the service, <see cref="ChangedArea"/>) and that is a
    /// few cells: a parcel edited costs a read of the parcels around it, not of a million (6–8 s of the database).
    /// Null when the whole must be read again.
    /// </summary>
    private async Task<TileOverview?> PatchedAsync(CollectionDefinition collection, string dataVersion, (string DataVersion, TileOverview Overview) earlier)
    {
        var (from, overview) = earlier;
        if (from == dataVersion)
        {
            return overview;
        }

        var changes = await ChangesAsync(collection, from, dataVersion).ConfigureAwait(false);
        if (!changes.Known)
        {
            return null;
        }

        if (overview.AreasOf(changes.Extents) is not { } areas)
        {
            return null;
        }

        // Each area read as the data stands and patched in turn. An edit landing between two reads may be in the
        // later one only; the next patch reads its area again, as a whole build made during an edit would be.
        foreach (var area in areas)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            OverviewInput input;
            try
            {
                input = await Source.ReadOverviewAsync(collection, area, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The whole read is tried instead; if that fails too, the tile fails as before.
                LogPatchFailed(e, collection.Id);
                return null;
            }

            var read = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (overview.Patched(area, input) is not { } patched)
            {
                return null;
            }

            LogPatched(collection.Id, area.CellCount, read.TotalMilliseconds, (System.Diagnostics.Stopwatch.GetElapsedTime(started) - read).TotalMilliseconds);
            overview = patched;
        }

        return overview;
    }

    /// <summary>
    /// Draws and keeps every tile with anything drawn in it (<see cref="TileOverview.DrawnTiles"/>) up to
    /// <see cref="TileGeneralisation.MaxZoom"/> (a district is about 50 tiles up to zoom 11, ~2.6 MB), so that those tiles
    /// cost no drawing when first asked for, and, stored, tell a service started again that every other tile is empty.
    /// </summary>
    private List<StoredTile> DrawAll(CollectionDefinition collection, TileOverview overview, string dataVersion)
    {
        var drawn = new List<StoredTile>();
        for (var zoom = 0; zoom <= TileGeneralisation.MaxZoom; zoom++)
        {
            foreach (var tile in overview.DrawnTiles(zoom))
            {
                drawn.Add(new StoredTile(tile, Drawn(collection, overview, tile, dataVersion)));
            }
        }

        return drawn;
    }

    /// <summary>
    /// Merges the tiles one after another (one core at most), stopping once the collection's version has moved on; a tile that
    /// fails is left to be merged when asked for, and the first failure logged. The merged tiles when every one was
    /// made (those refused for too many features left out: they are refused again when asked for), otherwise null.
    /// </summary>
    private async Task<List<StoredTile>?> MergeAllAsync(CollectionDefinition collection, string dataVersion, IReadOnlyList<TileAddress> tiles)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var failed = 0;
        var merged = new List<StoredTile>(tiles.Count);
        foreach (var tile in tiles)
        {
            if (!_overviews.IsLatest(collection.Id, dataVersion))
            {
                return null;
            }

            try
            {
                var answer = await GetMergedTileAsync(collection, tile, dataVersion, CancellationToken.None).ConfigureAwait(false);
                if (!answer.IsTooMany)
                {
                    merged.Add(new StoredTile(tile, answer));
                }
            }
            catch (Exception e)
            {
                if (failed++ == 0)
                {
                    LogMergeFailed(e, collection.Id, tile.ToString());
                }
            }
        }

        LogMerged(collection.Id, tiles.Count - failed, failed, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return failed == 0 ? merged : null;
    }

    /// <summary>
    /// Reads the tiles stored for the collection at <paramref name="dataVersion"/> into the cache, once per version
    /// whoever asks first (a request, or the start-up pass): null when none were stored. Tiles stored at an earlier
    /// version are read as this one's when the store can tell that nothing they draw changed since (edits of the
    /// 地类名称 only, <see cref="ChangedArea"/>), so that such edits cost a service started again no making. A store
    /// that cannot be read is logged and read as holding none, so the tiles are made as before.
    /// </summary>
    private Task<StoredSet?> ReadStoredAsync(CollectionDefinition collection, string dataVersion) =>
        _stored.Get(collection.Id, dataVersion, async () =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var kept = await Stored.KeptVersionAsync(collection, MadeBy, CancellationToken.None).ConfigureAwait(false);
                if (kept is null
                    || (kept != dataVersion && await ChangesAsync(collection, kept, dataVersion).ConfigureAwait(false) is not { ChangesNothingDrawn: true }))
                {
                    return null;
                }

                var tiles = await Stored.ReadAsync(collection, kept, MadeBy, CancellationToken.None).ConfigureAwait(false);
                foreach (var (tile, answer) in tiles)
                {
                    cache.Keep(TileCache.Key([collection], tile), dataVersion, answer, costly: true);
                }

                if (tiles.Count == 0)
                {
                    return null;
                }

                LogRead(collection.Id, tiles.Count, dataVersion, kept, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                var drawn = tiles.Select(t => t.Tile).Where(t => t.Z <= TileGeneralisation.MaxZoom).ToHashSet();
                // What was drawn, for carrying empty tiles across edits of nothing drawn; a grid built here replaces it.
                _drawn.TryAdd(collection.Id, (dataVersion, drawn, false));
                return new StoredSet(drawn);
            }
            catch (Exception e)
            {
                LogReadFailed(e, collection.Id);
                return null;
            }
        });

    private async Task StoreAsync(CollectionDefinition collection, string dataVersion, IReadOnlyList<StoredTile> tiles)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await Stored.WriteAsync(collection, dataVersion, MadeBy, tiles, CancellationToken.None).ConfigureAwait(false);
            LogStored(collection.Id, tiles.Count, dataVersion, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e)
        {
            LogStoreFailed(e, collection.Id);
        }
    }

    /// <summary>Of a collection's stored tiles, those of tileMatrix 0–<see cref="TileGeneralisation.MaxZoom"/>: every tile with anything drawn in it.</summary>
    private sealed record StoredSet(HashSet<TileAddress> Drawn);
}
