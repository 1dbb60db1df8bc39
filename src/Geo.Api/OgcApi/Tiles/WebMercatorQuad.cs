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

    public static TileMatrixSetDefinition Definition() => new(
        Id, Title, Uri, CrsUri, ["X", "Y"], "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        Enumerable.Range(0, TileAddress.MaxZoom + 1).Select(z => new TileMatrixDefinition(
            z.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ScaleDenominator: ScaleDenominatorZero / (1L << z),
            CellSize: 2 * TileAddress.OriginShift / 256 / (1L << z),
            CornerOfOrigin: "topLeft",
            PointOfOrigin: [-TileAddress.OriginShift, TileAddress.OriginShift],
            TileWidth: 256,
            TileHeight: 256,
            MatrixWidth: 1L << z,
            MatrixHeight: 1L << z)).ToList());
}
