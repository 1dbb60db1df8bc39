namespace Geo.Core.Stores;

/// <summary>
/// Where a collection changed between two of its versions (<see cref="IFeatureStore.GetChangedAreaAsync"/>), so that
/// what was made of the rest (the tiles away from one edited parcel) can be kept.
/// </summary>
/// <param name="Known">
/// False when the store cannot tell: a write it did not log (on PostGIS, anything but an edit through the service:
/// psql, QGIS, an import) or one too long ago. Nothing may then be kept.
/// </param>
/// <param name="Extent">Known: the lon/lat envelope of every geometry written or removed, before and after; null when none was.</param>
public sealed record ChangedArea(bool Known, Envelope? Extent)
{
    public static readonly ChangedArea Unknown = new(false, null);

    /// <summary>Whether something may be kept that is drawn from the collection only within <paramref name="reach"/>.</summary>
    public bool Spares(Envelope reach) => Known && (Extent is null || !Extent.Intersects(reach));

    /// <summary>The envelope of the geometries (those removed and those written), null when none has one.</summary>
    public static Envelope? ExtentOf(IEnumerable<Geometry?> geometries)
    {
        ArgumentNullException.ThrowIfNull(geometries);
        return Union(geometries.Where(g => g is { IsEmpty: false }).Select(g => g!.EnvelopeInternal));
    }

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
