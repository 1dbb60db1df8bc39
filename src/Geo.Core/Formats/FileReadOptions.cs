namespace Geo.Core.Formats;

/// <summary>What the person supplying a file says about it, and the limits it is read under.</summary>
public sealed record FileReadOptions
{
    /// <summary>The file's CRS (<c>EPSG:4545</c> …) when it carries none, or to override what it carries.</summary>
    public string? Crs { get; init; }

    /// <summary>The text encoding (<c>gbk</c>, <c>utf-8</c> …), overriding .cpg, the DBF language driver and detection.</summary>
    public string? Encoding { get; init; }

    /// <summary>The web-map datum lon/lat coordinates were copied from, to be repaired to CGCS2000 (GCJ-02, BD-09).</summary>
    public Crs.WebMapDatum? From { get; init; }

    /// <summary>The name the file is reported under (an upload's original name); the path's file name otherwise.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The most bytes a zip may unpack to, as its entries declare and as they are written out (zip bombs).</summary>
    public long MaxUnpackedBytes { get; init; } = 1L << 30;

    /// <summary>
    /// The GeoJSON reader (Geo.Api's <c>Formats/GeoJson/GeoJsonFileReader</c>, which every Geo.Api caller passes via
    /// <c>Formats/FileReading.AllFormats</c>); reading a .geojson or .json file without one is a programming error.
    /// </summary>
    public IFormatReader? GeoJson { get; init; }

    /// <summary>
    /// Every shapefile record read by NetTopologySuite.IO.Esri, none by <c>ShpPolygonRecords</c>: the tests that prove
    /// both read a file alike.
    /// </summary>
    internal bool ShapefileByLibrary { get; init; }
}
