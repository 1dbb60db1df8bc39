namespace Geo.Core.Stores;

/// <summary>
/// Where a collection changed between two of its versions (<see cref="IFeatureStore.GetChangedAreaAsync"/>), so that
/// what was made of the rest (the tiles away from one edited parcel) can be kept.
/// </summary>
/// <param name="Known">
/// False when the store cannot tell: a write it did not log (on PostGIS, anything but an edit through the service:
/// psql, QGIS, an import) or one too long ago. Nothing may then be kept.
/// </param>
/// <param name="Extents">
/// Known: per edit, the lon/lat envelope, before and after, of the features whose drawing it changed (added, removed,
/// their geometry or a property their tiles carry changed: <see cref="ExtentOf(CollectionDefinition, Feature?, Feature?)"/>);
/// an edit that changed nothing drawn has none. Kept apart, so that two edits far apart are two small areas, not one
/// large one around both.
/// </param>
public sealed record ChangedArea(bool Known, IReadOnlyList<Envelope> Extents)
{
    public static readonly ChangedArea Unknown = new(false, []);

    /// <summary>Whether something may be kept that is drawn from the collection only within <paramref name="reach"/>.</summary>
    public bool Spares(Envelope reach) => Known && !Extents.Any(e => e.Intersects(reach));

    /// <summary>Whether every edit is known and none changed anything drawn: whatever was drawn before is drawn alike.</summary>
    public bool ChangesNothingDrawn => Known && Extents.Count == 0;

    /// <summary>
    /// Where one feature's change (<paramref name="before"/> null: added; <paramref name="after"/> null: removed) changed
    /// what tiles draw: null when neither its geometry nor a property they carry (<see cref="TileProperties"/>) changed,
    /// as when an editor corrects a parcel's 地类名称, so that no tile is made again for it.
    /// </summary>
    public static Envelope? ExtentOf(CollectionDefinition collection, Feature? before, Feature? after)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return before is not null && after is not null
            && Equals(before.Geometry, after.Geometry)
            && TileProperties.For(collection).All(p => Equals(before[p.Name], after[p.Name]))
            ? null
            : Union([EnvelopeOf(before?.Geometry), EnvelopeOf(after?.Geometry)]);
    }

    private static Envelope? EnvelopeOf(Geometry? geometry) => geometry is { IsEmpty: false } ? geometry.EnvelopeInternal : null;

    /// <summary>The envelope holding every one given, null when none is.</summary>
    public static Envelope? Union(IEnumerable<Envelope?> extents)
    {
        ArgumentNullException.ThrowIfNull(extents);
        Envelope? union = null;
        foreach (var extent in extents)
        {
            if (extent is not null)
            {
                (union ??= new Envelope()).ExpandToInclude(extent);
            }
        }

        return union;
    }
}
