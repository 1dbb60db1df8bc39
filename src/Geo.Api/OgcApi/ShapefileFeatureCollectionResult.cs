using System.IO.Compression;
using System.Text;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace Geo.Api.OgcApi;

/// <summary>
/// Features (an items page or an export) as a zipped ESRI Shapefile in CGCS2000 lon/lat (EPSG:4490 .prj), attribute text in UTF-8 or GBK with a
/// <c>.cpg</c> saying which, which GDAL, QGIS and ArcGIS honour. DBF field names are cut to their 10-character limit.
/// </summary>
internal sealed class ShapefileFeatureCollectionResult(IAsyncEnumerable<Feature> features, CollectionDefinition collection, ShapefileEncoding encoding, string? fileName = null) : IResult
{
    private const string Cgcs2000Prj =
        "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";

    static ShapefileFeatureCollectionResult() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool CanWrite(CollectionDefinition collection) =>
        collection.Geometry is GeometryKind.Point or GeometryKind.LineString or GeometryKind.MultiPolygon;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        var folder = Directory.CreateTempSubdirectory("geo-shp-");
        try
        {
            var files = folder.CreateSubdirectory("shp");
            var shp = Path.Combine(files.FullName, collection.Id + ".shp");
            var options = new ShapefileWriterOptions(ShapeTypeOf(collection.Geometry)) { Encoding = TextEncoding, Projection = Cgcs2000Prj };
            var names = DbfNames(collection, TextEncoding);
            foreach (var property in collection.Properties)
            {
                _ = property.Type switch
                {
                    PropertyType.Text => (NetTopologySuite.IO.Esri.Dbf.Fields.DbfField)options.AddCharacterField(names[property.Name], 254),
                    PropertyType.Integer => options.AddNumericInt64Field(names[property.Name]),
                    PropertyType.Number => options.AddNumericDoubleField(names[property.Name]),
                    PropertyType.Boolean => options.AddLogicalField(names[property.Name]),
                    PropertyType.Date => options.AddDateField(names[property.Name]),
                    _ => throw new InvalidOperationException($"unhandled property type {property.Type}"),
                };
            }

            using (var writer = Shapefile.OpenWrite(shp, options))
            {
                await foreach (var feature in features.WithCancellation(cancellationToken))
                {
                    writer.Geometry = feature.Geometry;
                    writer.Fields.SetValues(collection.Properties.ToDictionary(p => names[p.Name], p => Value(feature[p.Name])));
                    writer.Write();
                }
            }

            await File.WriteAllTextAsync(Path.ChangeExtension(shp, ".cpg"), CpgName, cancellationToken);
            // Zipped to disk, not memory: an export may hold a million features.
            var zipPath = Path.Combine(folder.FullName, collection.Id + ".zip");
            ZipFile.CreateFromDirectory(files.FullName, zipPath);
            httpContext.Response.ContentType = "application/zip";
            httpContext.Response.Headers.ContentDisposition = Attachment.Header(fileName, collection.Id, ".zip");
            await using var zip = File.OpenRead(zipPath);
            await zip.CopyToAsync(httpContext.Response.Body, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private Encoding TextEncoding => encoding switch
    {
        ShapefileEncoding.Utf8 => Encoding.UTF8,
        ShapefileEncoding.Gbk => Encoding.GetEncoding(936),
        _ => throw new InvalidOperationException($"unhandled encoding {encoding}"),
    };

    private string CpgName => encoding switch
    {
        ShapefileEncoding.Utf8 => "UTF-8",
        ShapefileEncoding.Gbk => "GBK",
        _ => throw new InvalidOperationException($"unhandled encoding {encoding}"),
    };

    private static ShapeType ShapeTypeOf(GeometryKind kind) => kind switch
    {
        GeometryKind.Point => ShapeType.Point,
        GeometryKind.LineString => ShapeType.PolyLine,
        GeometryKind.MultiPolygon => ShapeType.Polygon,
        GeometryKind.None or GeometryKind.PointOrPolygon => throw new InvalidOperationException($"a shapefile holds one geometry type, not {kind}"),
        _ => throw new InvalidOperationException($"unhandled geometry kind {kind}"),
    };

    /// <summary>
    /// Property names cut to DBF's 10 bytes in the attribute encoding (a Chinese field name of an uploaded file takes 2
    /// or 3 bytes a character), numbered where two would collide.
    /// </summary>
    private static Dictionary<string, string> DbfNames(CollectionDefinition collection, Encoding encoding)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in collection.Properties)
        {
            var name = Cut(property.Name, 10, encoding);
            for (var i = 1; names.ContainsValue(name); i++)
            {
                var suffix = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                name = Cut(property.Name, 10 - suffix.Length, encoding) + suffix;
            }

            names[property.Name] = name;
        }

        return names;
    }

    private static string Cut(string name, int bytes, Encoding encoding)
    {
        var length = name.Length;
        while (encoding.GetByteCount(name.AsSpan(0, length)) > bytes)
        {
            length--;
        }

        return name[..length];
    }

    private static object Value(object? value) => value switch
    {
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        int i => (long)i,
        _ => value!,
    };
}
