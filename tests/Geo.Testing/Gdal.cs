using System.Diagnostics;

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
}
