namespace Geo.Core.Domain;

/// <summary>
/// A geometry as its store sent it: PostGIS's EWKB (the geometry type's binary form), kept as bytes so that an items
/// page can write GeoJSON coordinates straight from them; reading into NTS objects happens only for a caller that
/// asks for <see cref="Feature.Geometry"/> (exports, analyses, other output CRSs).
/// </summary>
/// <param name="read">Reads the bytes as the store's own driver reads the column, so the geometry is the one it would give.</param>
public sealed class StoredGeometry(byte[] ewkb, Func<byte[], Geometry> read)
{
    public ReadOnlyMemory<byte> Ewkb => ewkb;

    internal Geometry Read() => read(ewkb);
}
