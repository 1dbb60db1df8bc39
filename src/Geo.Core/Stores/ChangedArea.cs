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
        Envelope? extent = null;
        foreach (var geometry in geometries)
        {
            if (geometry is { IsEmpty: false })
            {
                extent ??= new Envelope();
                extent.ExpandToInclude(geometry.EnvelopeInternal);
            }
        }

        return extent;
    }
}
