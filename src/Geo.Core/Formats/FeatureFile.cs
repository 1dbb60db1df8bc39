using Geo.Core.Formats.Baopan;
using Geo.Core.Formats.Csv;
using Geo.Core.Formats.GeoPackage;
using Geo.Core.Formats.Internal;
using Geo.Core.Formats.Shapefile;

namespace Geo.Core.Formats;

/// <summary>
/// Reads any accepted file (a zip of one, a loose .shp with its siblings, .gpkg, .geojson/.json, .csv, .txt) into
/// storage coordinates. One reader per format finds features and the CRS; one pipeline after them checks the text
/// decoded cleanly and every coordinate lies where its CRS can be transformed, then transforms.
/// </summary>
public static class FeatureFile
{
    public static ImportedLayer Read(string path, FileReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var stream = Open(path, options with { From = null }, cancellationToken);
        var features = stream.Features.ToList();
        if (features.Count == 0)
        {
            throw new FileInputException(stream.File, "the file holds no features");
        }

        var layer = stream.Layer with { Features = features };
        return options.From is { } from ? WebMapRepair.Apply(layer, from) : layer;
    }

    /// <summary>
    /// Opens a file to read its features one at a time in storage coordinates, with the same checks as
    /// <see cref="Read"/>; a shapefile is read from disk as the features are enumerated, other formats are read whole.
    /// A web-map repair (<see cref="FileReadOptions.From"/>) reports the mean shift of the whole layer: use <see cref="Read"/>.
    /// </summary>
    public static FeatureStream Open(string path, FileReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.From is not null)
        {
            throw new ArgumentException("a web-map repair needs the whole layer; read it with FeatureFile.Read", nameof(options));
        }

        var file = options.DisplayName ?? Path.GetFileName(path);
        if (!Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return OpenLoose(path, file, options, null, cancellationToken);
        }

        var folder = Directory.CreateTempSubdirectory("geo-import-");
        try
        {
            SafeZip.Extract(path, file, folder.FullName, options.MaxUnpackedBytes, cancellationToken);
            var candidates = Directory.EnumerateFiles(folder.FullName, "*", SearchOption.AllDirectories)
                .Where(p => FormatOf(p) is not null && !Path.GetFileName(p).StartsWith("._", StringComparison.Ordinal))
                .ToList();
            var main = candidates.Count == 1 ? candidates[0]
                : throw new FileInputException(file, candidates.Count == 0
                    ? "the zip holds no .shp, .gpkg, .geojson, .json, .csv or .txt"
                    : $"the zip holds {candidates.Count} data files ({string.Join(", ", candidates.Select(Path.GetFileName))}); send one layer per zip");
            return OpenLoose(main, $"{file}/{Path.GetRelativePath(folder.FullName, main)}", options, folder, cancellationToken);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    public static FileFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".shp" => FileFormat.Shapefile,
        ".gpkg" => FileFormat.GeoPackage,
        ".geojson" or ".json" => FileFormat.GeoJson,
        ".csv" => FileFormat.Csv,
        ".txt" => FileFormat.BaopanTxt,
        _ => null,
    };

    private static FeatureStream OpenLoose(string path, string file, FileReadOptions options, DirectoryInfo? folder, CancellationToken cancellationToken)
    {
        var format = FormatOf(path)
            ?? throw new FileInputException(file, "unknown file type; send a .zip (Shapefile), .shp, .gpkg, .geojson, .csv or 报盘 .txt");
        var layer = format switch
        {
            FileFormat.Shapefile => ShapefileReader.Read(path, file, options, cancellationToken),
            FileFormat.GeoPackage => GeoPackageReader.Read(path, file, options, cancellationToken),
            FileFormat.GeoJson => (options.GeoJson ?? throw new InvalidOperationException(
                "a GeoJSON file needs FileReadOptions.GeoJson (Geo.Api's GeoJsonFileReader); Geo.Core reads no JSON")).Read(path, file, options, cancellationToken),
            FileFormat.Csv => CsvFileReader.Read(path, file, options, cancellationToken),
            FileFormat.BaopanTxt => BaopanReader.Read(path, file, options, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(path), format, "unhandled file format"),
        };
        return new FeatureStream(file, format, layer, folder);
    }

    /// <summary>One feature into storage coordinates, after checking its text decoded and its coordinates lie in its CRS.</summary>
    internal static ImportedFeature ToStorage(SourceFeature feature, SourceLayer layer, string file)
    {
        foreach (var (name, value) in feature.Properties)
        {
            if (value is string text && text.Contains(TextEncodings.Replacement, StringComparison.Ordinal))
            {
                throw new FileInputException(file,
                    $"the text does not decode as {layer.Encoding ?? "its encoding"} (replacement characters in '{text}'); pass the right encoding (gbk or utf-8)", feature.Row, name);
            }
        }

        var outside = feature.Geometry.Coordinates.FirstOrDefault(c => !layer.Crs.Covers(c.X, c.Y));
        if (outside is not null)
        {
            throw new FileInputException(file,
                $"the coordinate ({outside.X}, {outside.Y}) lies outside {layer.Crs.Title} (CRS from {layer.CrsSource}); check the CRS, the zone and the axis order", feature.Row, "geometry");
        }

        // The same area-of-use rule as every other geometry input: a polygon "in EPSG:4545" near the pole is refused, not measured.
        var storage = FlatGeometry.Of(layer.Crs.EastingFirstToStorage(feature.Geometry));
        if (layer.Crs.OutsideAreaOfUse(storage) is { } unusable)
        {
            throw new FileInputException(file, $"{unusable} (CRS from {layer.CrsSource}); check the CRS, the zone and the axis order", feature.Row, "geometry");
        }

        return new ImportedFeature(feature.Row, storage, feature.Properties);
    }
}
