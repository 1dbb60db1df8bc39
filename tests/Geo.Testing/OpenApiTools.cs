using System.Diagnostics;

namespace Geo.Testing;

/// <summary>
/// The npm tools in tools/openapi (Spectral, openapi-typescript), installed with <c>npm ci</c> from their lock file the
/// first time and whenever the lock file is newer than the install, then run on the committed docs/openapi.json.
/// </summary>
public static class OpenApiTools
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static string Folder => Path.Combine(RepoPaths.Root, "tools", "openapi");

    /// <summary>Runs an installed tool (<c>npx --no-install</c>) in tools/openapi; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        await InstallAsync(cancellationToken);
        return await RunProcessAsync("npx", ["--no-install", .. arguments], cancellationToken);
    }

    private static async Task InstallAsync(CancellationToken cancellationToken)
    {
        await Install.WaitAsync(cancellationToken);
        try
        {
            var marker = Path.Combine(Folder, "node_modules", ".package-lock.json");
            if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
            {
                return;
            }

            var (exitCode, output) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in tools/openapi failed ({exitCode}); Node.js 20+ with npm is needed:\n{output}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
