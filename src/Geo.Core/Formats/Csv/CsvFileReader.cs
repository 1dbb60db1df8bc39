using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Geo.Core.Formats.Internal;
using NetTopologySuite.IO;

namespace Geo.Core.Formats.Csv;

/// <summary>
/// Reads a CSV whose geometry is a WKT column (<c>wkt</c>, <c>geometry</c>, <c>geom</c>, <c>shape</c>) or a pair of
/// lon/lat columns (<c>lon</c>/<c>lat</c>, <c>longitude</c>/<c>latitude</c>, <c>经度</c>/<c>纬度</c>), in UTF-8 with or
/// without BOM or in GBK. Named lon/lat columns are read as CGCS2000 degrees (WGS 84 differs by centimetres here);
/// a WKT or x/y column needs the crs said.
/// </summary>
internal static class CsvFileReader
{
    private static readonly string[] WktNames = ["wkt", "geometry", "geom", "shape", "the_geom"];
    private static readonly string[] LonNames = ["lon", "lng", "longitude", "经度"];
    private static readonly string[] LatNames = ["lat", "latitude", "纬度"];
    private static readonly string[] XNames = ["x"];
    private static readonly string[] YNames = ["y"];

    public static SourceLayer Read(string path, string file, FileReadOptions options, CancellationToken cancellationToken)
    {
        var given = options.Encoding is null ? null
            : TextEncodings.Find(options.Encoding) ?? throw new FileInputException(file, $"unknown encoding '{options.Encoding}'; use gbk or utf-8", field: "encoding");
        var (text, encodingName) = TextEncodings.Decode(File.ReadAllBytes(path), given);
        using var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new FileInputException(file, "the CSV has no header line");
        }

        var wkt = Column(header, WktNames);
        var lon = Column(header, LonNames);
        var lat = Column(header, LatNames);
        var (x, y) = lon is not null && lat is not null ? (lon, lat) : (Column(header, XNames), Column(header, YNames));
        if (wkt is null && (x is null || y is null))
        {
            throw new FileInputException(file, "the CSV has neither a WKT column (wkt, geometry, geom, shape) nor lon/lat columns (lon, lat, 经度, 纬度) nor x/y columns");
        }

        var (crs, crsSource) = options.Crs is not null ? FileCrs.FromRequest(options.Crs, file)
            : wkt is null && lon is not null ? (SupportedCrs.Cgcs2000Geographic, "lon/lat columns (CGCS2000 degrees)")
            : throw new FileInputException(file, $"a CSV's {(wkt is null ? "x/y" : "WKT")} column carries no CRS; supply the crs ({InputCrs.Accepted})", field: "crs");

        var wktReader = new WKTReader();
        var features = new List<SourceFeature>();
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = features.Count + 1;
            var geometry = wkt is not null ? ParseWkt(wktReader, csv.GetField(wkt), file, row, wkt)
                : new Point(Number(csv.GetField(x!), file, row, x!), Number(csv.GetField(y!), file, row, y!));
            var properties = header.Where(h => h != wkt && h != x && h != y)
                .ToDictionary(h => h, h => (object?)csv.GetField(h), StringComparer.Ordinal);
            features.Add(new SourceFeature(row, geometry, properties));
        }

        return new SourceLayer(features, crs, crsSource, encodingName);
    }

    private static string? Column(string[] header, string[] names) =>
        header.FirstOrDefault(h => names.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase));

    private static Geometry ParseWkt(WKTReader reader, string? text, string file, int row, string field)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text)
                ? throw new FileInputException(file, "the WKT is empty", row, field)
                : reader.Read(text);
        }
        catch (ParseException e)
        {
            throw new FileInputException(file, $"not valid WKT ({e.Message})", row, field, e);
        }
    }

    private static double Number(string? text, string file, int row, string field) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FileInputException(file, $"'{text}' is not a number", row, field);
}
