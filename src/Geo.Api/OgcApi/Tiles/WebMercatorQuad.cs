namespace Geo.Api.OgcApi.Tiles;

/// <summary>
/// The WebMercatorQuad tile matrix set (OGC 17-083r4, annex D.1): EPSG:3857, 256-pixel tiles, 2^z × 2^z tiles at zoom z,
/// described the way OGC API – Tiles clients (GDAL's OGCAPI driver, QGIS) read it.
/// </summary>
internal static class WebMercatorQuad
{
    public const string Id = "WebMercatorQuad";

    public const string Uri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";

    public const string CrsUri = "http://www.opengis.net/def/crs/EPSG/0/3857";

    public const string Title = "Google Maps Compatible for the World";

    /// <summary>The scale denominator at zoom 0 for 0.28 mm pixels (the standard's value).</summary>
    private const double ScaleDenominatorZero = 559082264.028717;

    public static object Definition() => new
    {
        id = Id,
        title = Title,
        uri = Uri,
        crs = CrsUri,
        orderedAxes = new[] { "X", "Y" },
        wellKnownScaleSet = "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        tileMatrices = Enumerable.Range(0, TileAddress.MaxZoom + 1).Select(z => new
        {
            id = z.ToString(System.Globalization.CultureInfo.InvariantCulture),
            scaleDenominator = ScaleDenominatorZero / (1L << z),
            cellSize = 2 * TileAddress.OriginShift / 256 / (1L << z),
            cornerOfOrigin = "topLeft",
            pointOfOrigin = new[] { -TileAddress.OriginShift, TileAddress.OriginShift },
            tileWidth = 256,
            tileHeight = 256,
            matrixWidth = 1L << z,
            matrixHeight = 1L << z,
        }),
    };
}
