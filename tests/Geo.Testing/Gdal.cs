using System.Diagnostics;
using System.Text.Json;

namespace Geo.Testing;

/// <summary>Runs GDAL's command-line tools (Debian gdal-bin), a real OGC API client nobody here wrote.</summary>
public static class Gdal
{
    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GDAL_HTTP_TIMEOUT"] = "30";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start; install gdal-bin");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    /// <summary>
    /// A Mapbox Vector Tile decoded by GDAL's MVT driver, which places a file named <c>{z}/{x}/{y}.pbf</c> in EPSG:3857,
    /// as GeoJSON features: of its one layer, or of every layer, each feature tagged with its layer's name (<c>layer</c>).
    /// </summary>
    public static async Task<List<JsonElement>> MvtFeaturesAsync(byte[] tile, int z, int row, int col, bool allLayers = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mvt-" + Guid.NewGuid().ToString("N")[..8]);
        var file = Path.Combine(folder, $"{z}", $"{col}", $"{row}.pbf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            await File.WriteAllBytesAsync(file, tile);
            if (!allLayers)
            {
                var json = await RunAsync("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", file);
                return JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToList();
            }

            var features = new List<JsonElement>();
            foreach (var layer in (await RunAsync("ogrinfo", "-ro", "-q", file)).Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).Select(p => p[1].Trim().Split(' ')[0]))
            {
                var json = await RunAsync("ogr2ogr", "-f", "GeoJSON", "-sql", $"SELECT *, '{layer}' AS layer FROM \"{layer}\"", "/vsistdout/", file);
                features.AddRange(JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()));
            }

            return features;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
