using System.Diagnostics;

namespace Geo.Testing;

/// <summary>Runs one of this checkout's scripts/ and returns what it printed on stdout; a failure throws with its stderr.</summary>
public static class Scripts
{
    public static string Run(string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash", [RepoPaths.Script(name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{name} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }
}
