namespace Geo.Api.Backends.PostGis.Internal;

/// <summary>
/// The data version and every collection's version (migration 0011), read in one statement and answered again without
/// a round trip while <see cref="DataVersionWatch"/> says that data version is still the database's. Every bump of a
/// collection's version bumps the data version in the same trigger, so the collections' versions cannot have moved
/// while the data version has not. What asks on every request for nothing else (the ETag of <c>/collections</c>, a kept
/// tile, a page asked with <c>If-None-Match</c>) then needs no database at all.
/// </summary>
/// <remarks>
/// Only where reads go to the primary, whose version the watch hears: a standby may lag behind it, and a version newer
/// than the data read with it would keep old data under a new ETag. Writes of this process make the watch forget the
/// version before they are acknowledged, so their authors never see the version before their write.
/// </remarks>
internal sealed class KeptVersions(DataVersionWatch versions)
{
    private Kept? _kept;

    /// <summary>The watch's listening connection, taken before a statement whose versions are to be kept.</summary>
    public long Connection => versions.Connection;

    /// <summary>
    /// The data version when the one kept is current, or null when it must be read. Kept, not the watch's own: the
    /// kept one was read where reads go, so a watch still hearing an old primary after a failover, at a version the
    /// new one has not reached, answers nothing.
    /// </summary>
    public string? FindDataVersion() => Current()?.DataVersion;

    /// <summary>The collections' versions in the order asked, or null when they must be read.</summary>
    public string[]? Find(IReadOnlyList<CollectionDefinition> collections)
    {
        if (Current() is not { } kept)
        {
            return null;
        }

        var found = new string[collections.Count];
        for (var i = 0; i < found.Length; i++)
        {
            if (!kept.Collections.TryGetValue(collections[i].Id, out var version))
            {
                return null;
            }

            found[i] = version;
        }

        return found;
    }

    /// <param name="dataVersion">Read in the same statement as <paramref name="collectionVersions"/>.</param>
    /// <param name="connection"><see cref="Connection"/> taken before that statement was sent: nothing read across a reconnection is kept.</param>
    public void Keep(string dataVersion, long connection, IReadOnlyList<CollectionDefinition> collections, IReadOnlyList<string> collectionVersions)
    {
        if (versions.MayKeep(connection))
        {
            Volatile.Write(ref _kept, new Kept(dataVersion, connection, collections.Select(c => c.Id).Zip(collectionVersions).ToDictionary(StringComparer.Ordinal)));
        }
    }

    private Kept? Current() =>
        Volatile.Read(ref _kept) is { } kept && versions.IsCurrent(kept.DataVersion, kept.Connection) ? kept : null;

    private sealed record Kept(string DataVersion, long Connection, Dictionary<string, string> Collections);
}
