namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// One tile of the WebMercatorQuad matrix set: zoom <see cref="Z"/>, column <see cref="X"/> from the antimeridian
/// eastwards, row <see cref="Y"/> from the north (the OGC tileRow, the XYZ y).
/// </summary>
internal sealed record TileAddress(int Z, int X, int Y)
{
    /// <summary>WebMercatorQuad's deepest matrix (OGC 17-083r4, annex D).</summary>
    public const int MaxZoom = 24;

    /// <summary>Tile coordinates per tile side, the MVT default that ST_AsMVT and the NTS writer share.</summary>
    public const int Extent = 4096;

    /// <summary>Geometry drawn past each tile edge (in tile units), so strokes meet across tile borders.</summary>
    public const int Buffer = 256;

    /// <summary>Half the side of the Web Mercator square (EPSG:3857), metres.</summary>
    public const double OriginShift = 20037508.342789244;

    public long MatrixSize => 1L << Z;

    /// <summary>The tile's side in EPSG:3857 metres.</summary>
    public double SizeMetres => 2 * OriginShift / MatrixSize;

    /// <summary>One tile unit at this zoom in EPSG:3857 metres: what simplification may remove without a visible change.</summary>
    public double UnitMetres => SizeMetres / Extent;

    /// <summary>
    /// The tile in lon/lat degrees (EPSG:4490 axis order x = lon). Web Mercator maps meridians and parallels to straight
    /// lines, so this rectangle is exactly the tile.
    /// </summary>
    public Envelope LonLatEnvelope(double margin = 0)
    {
        var size = SizeMetres;
        var minX = -OriginShift + (X - margin) * size;
        var maxX = -OriginShift + (X + 1 + margin) * size;
        var maxY = OriginShift - (Y - margin) * size;
        var minY = OriginShift - (Y + 1 + margin) * size;
        return new Envelope(Longitude(minX), Longitude(maxX), Latitude(minY), Latitude(maxY));
    }

    public static double Longitude(double x) => x / OriginShift * 180.0;

    public static double Latitude(double y) => (2 * Math.Atan(Math.Exp(y / OriginShift * Math.PI)) - Math.PI / 2) * 180.0 / Math.PI;

    /// <summary>Web Mercator x of a longitude (degrees), metres.</summary>
    public static double MercatorX(double longitude) => longitude * OriginShift / 180.0;

    /// <summary>Web Mercator y of a latitude (degrees), metres.</summary>
    public static double MercatorY(double latitude) => Math.Log(Math.Tan(Math.PI / 4 + latitude * Math.PI / 360.0)) * OriginShift / Math.PI;

    public override string ToString() => $"{Z}/{Y}/{X}";
}
