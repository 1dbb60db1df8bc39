using System.Collections.Concurrent;

namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// What <c>items/{id}</c> found (a live feature with its version, a delete's version, or nothing), kept with the data
/// version read in the same statement, and answered again without a round trip while <see cref="DataVersionWatch"/>
/// says that version is still the database's. The data version, not the collection's: a change no statement trigger
/// sees (a table replaced by hand) is announced by bumping it. A round trip on a new connection costs this machine
/// ~0.6 ms of thread wake-ups however fast PostgreSQL is (docs/BENCHMARKS.md, session 21).
/// </summary>
/// <param name="capacity">
/// At most this many answers are kept (a parcel's is ~1–2 KB); on reaching it they are all dropped and keeping starts
/// over, which costs a burst of reads, never a wrong answer. Zero keeps nothing.
/// </param>
internal sealed class KeptItems(DataVersionWatch versions, int capacity)
{
    private readonly ConcurrentDictionary<(string Collection, long Id), Kept> _kept = new();
    private int _count;

    public bool TryGet(CollectionDefinition collection, long id, out FoundFeature found)
    {
        if (_kept.TryGetValue((collection.Id, id), out var kept) && versions.IsCurrent(kept.Version, kept.Connection))
        {
            found = Own(kept.Found);
            return true;
        }

        found = default;
        return false;
    }

    /// <summary>What tells the version: its <see cref="DataVersionWatch.Connection"/> is what <see cref="Keep"/> takes, and writes forget through it.</summary>
    public DataVersionWatch Versions => versions;

    /// <param name="version">The data version read in the same statement as <paramref name="found"/>.</param>
    /// <param name="connection">The watch's <see cref="DataVersionWatch.Connection"/> taken before the statement was sent: an answer read across a reconnection is not kept.</param>
    public void Keep(CollectionDefinition collection, long id, string version, long connection, FoundFeature found)
    {
        if (capacity == 0 || !versions.MayKeep(connection))
        {
            return;
        }

        var key = (collection.Id, id);
        if (!_kept.ContainsKey(key) && Interlocked.Increment(ref _count) > capacity)
        {
            _kept.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _kept[key] = new Kept(version, connection, Own(found));
    }

    /// <summary>
    /// The same answer with a feature of its own, sharing only what nothing changes (the stored bytes and the read-only
    /// properties): a feature's geometry is built in place the first time it is asked for.
    /// </summary>
    private static FoundFeature Own(FoundFeature found) => found.Live is { } live
        ? new FoundFeature(live with { Feature = live.Feature.Stored is { } stored
            ? Feature.FromStored(live.Feature.Id, stored, live.Feature.Properties)
            : live.Feature with { Geometry = live.Feature.Geometry?.Copy() } }, null)
        : found;

    /// <param name="Connection">
    /// The watch's connection it was read under: after a reconnection (the database restarted, perhaps restored from
    /// a backup and counting its version up again from an older value) nothing kept before is answered.
    /// </param>
    private sealed record Kept(string Version, long Connection, FoundFeature Found);
}
