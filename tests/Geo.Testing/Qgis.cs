using System.Globalization;
using System.Text.Json;

namespace Geo.Testing;

/// <summary>QGIS 3.22 (Debian python3-qgis, installed with QGIS Server), headless: a real vector-tile client nobody here wrote.</summary>
public static class Qgis
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "tests", "Geo.Testing", "qgis-vector-tile-features.py");
    private static readonly string ReadFileScript = Path.Combine(RepoPaths.Root, "tests", "Geo.Testing", "qgis-read-file.py");

    /// <summary>
    /// The features QGIS decodes when it draws tile <paramref name="z"/>/<paramref name="row"/>/<paramref name="col"/>
    /// of an XYZ vector tile source (<paramref name="urlTemplate"/> with <c>{z}/{y}/{x}</c>, zoom 0 to
    /// <paramref name="z"/>): <c>valid</c>, <c>errors</c>, and <c>features</c> each with its <c>layer</c>, the
    /// <c>attributes</c> named in <paramref name="fields"/> and the <c>area</c> of it inside the tile (EPSG:3857 m²).
    /// </summary>
    public static async Task<JsonElement> VectorTileFeaturesAsync(string urlTemplate, int z, int row, int col, IEnumerable<string> layers, IEnumerable<string> fields)
    {
        string[] numbers = [.. new[] { z, z, col, row }.Select(n => n.ToString(CultureInfo.InvariantCulture))];
        var output = await Gdal.RunAsync("/usr/bin/python3", [Script, urlTemplate, .. numbers, string.Join(',', layers), string.Join(',', fields)]);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>
    /// QGIS opening <paramref name="path"/> with its "ogr" provider, as a user who drags the file in: <c>valid</c>,
    /// <c>count</c>, <c>crs</c> (e.g. <c>EPSG:4490</c>) and the <c>values</c> of <paramref name="field"/> in feature order.
    /// </summary>
    public static async Task<JsonElement> ReadFileAsync(string path, string field)
    {
        var output = await Gdal.RunAsync("/usr/bin/python3", [ReadFileScript, path, field]);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
