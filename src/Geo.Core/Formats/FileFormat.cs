namespace Geo.Core.Formats;

/// <summary>The file formats read and written: ESRI Shapefile, OGC GeoPackage, GeoJSON, CSV and the 报盘 TXT.</summary>
public enum FileFormat
{
    Shapefile,
    GeoPackage,
    GeoJson,
    Csv,
    BaopanTxt,
}
