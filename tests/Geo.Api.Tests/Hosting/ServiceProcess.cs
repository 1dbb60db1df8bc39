using System.Diagnostics;
using System.Net.Sockets;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// Geo.Api run as a real process, as an operator or a container runs it: `dotnet Geo.Api.dll …` in the folder that
/// holds its appsettings.json, with the environment given and nothing inherited that picks a store or an address.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private static readonly string[] Inherited = ["ConnectionStrings__Geo", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServiceProcess(Process process) => _process = process;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Error { get { lock (_error) { return _error.ToString(); } } }

    /// <summary>The process's resident set (VmRSS in /proc): what the operating system counts against it.</summary>
    public long ResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
    }

    public static ServiceProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Geo.Api.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in Inherited)
        {
            start.Environment.Remove(name);
        }

        start.Environment["GisData__Path"] = RepoPaths.GisData;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var service = new ServiceProcess(new Process { StartInfo = start });
        service._process.OutputDataReceived += (_, e) => Append(service._output, e.Data);
        service._process.ErrorDataReceived += (_, e) => Append(service._error, e.Data);
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits for the process to end by itself; fails the test if it is still running after the timeout.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the process still runs after {timeout.TotalSeconds} s; output: {Output}");
        }

        _process.WaitForExit(); // flushes the redirected streams
        return _process.ExitCode;
    }

    /// <summary>Polls the address until the service answers /health/live, or fails after the timeout.</summary>
    public async Task<HttpStatusCode> WaitUntilAnsweringAsync(Uri address, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                return (await client.GetAsync("/health/live")).StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or a first answer slowed by start-up on a busy machine.
                await Task.Delay(250);
            }
        }

        Assert.Fail($"nothing answered at {address} (exited: {_process.HasExited}); output: {Output} {Error}");
        return default;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL (what Process.Kill sends on Linux): no shutdown, no flush, as a crash or `kill -9`.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}
