using System.Globalization;
using Microsoft.Playwright;

// Usage: ViewerFirstRender <viewer-url> [runs] [--pan] [--target-ms N] [--profile DIR] [--trace DIR] [--assets DIR] [--no-settle] [--cold-server WARM-URL]
// Each run is a fresh browser context (empty cache, as a first visit) at 1280×800. "Complete" is the viewer's own
// window.__viewerReady: every layer's features loaded and the map rendered them, tiles included (OpenLayers'
// rendercomplete waits for every tile in view; performance.now(), so measured from the start of navigation).
// --pan (bench/viewer-scale.sh; the URL then carries ?testHooks and a #permalink with the layer on): after the first
// render, the map is panned one screen width east and the time to its next rendercomplete is measured, and the page's
// JS heap (CDP Runtime.getHeapUsage, used bytes) is read after the first render and after the pan.
// --profile DIR: the first measured visit also records a CDP CPU profile of the first render and of the pan
// (DIR/render.cpuprofile, DIR/pan.cpuprofile; open them in Chromium's DevTools or summarise with bench/cpuprofile-top.py).
// --trace DIR: the first measured visit also records a Chromium trace of the first render (DIR/render.trace.json: the
// renderer's main-thread tasks and the network requests, DIR/render.ready holds the ready time) for
// bench/trace-timeline.py, which says how much of the first render waits on the server, runs script, or styles,
// lays out and paints.
// --assets DIR: the viewer's /assets/* come from DIR/assets (`vite build --outDir DIR` of another commit) instead of the
// server, and the page (/) from DIR/index.html when there is one, so two builds can be visited alternately against one
// server in one session. Each run also reports the CPU time of the browser's processes (user + system, /proc), which
// the machine's load inflates less than wall time.
// Each visit's window is opened and left to settle (the browser's processes idle, at most 15 s) before the viewer's
// address is entered, as a member of staff's browser is open before they type it: Chromium 156 opens every new window
// with its omnibox popup, a WebUI page of ~150 modules in a renderer of its own, which otherwise loads while the viewer
// does (1.8–4.9 s of a core on this 2-core machine, docs/BENCHMARKS.md session 12). --no-settle navigates at once.
// --cold-server WARM-URL: the unmeasured visit goes to WARM-URL (another server with the same viewer) instead, so the
// browser is warmed but the first measured visit is the first the service at <viewer-url> answers since it started
// (its JIT, its first PostgreSQL connections), as the first member of staff after a deploy sees it.
var url = args.Length > 0 ? args[0] : "http://127.0.0.1:5181/";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var pan = args.Contains("--pan");
var targetIndex = Array.IndexOf(args, "--target-ms");
var target = targetIndex >= 0 ? double.Parse(args[targetIndex + 1], CultureInfo.InvariantCulture) : 1500;
var profileIndex = Array.IndexOf(args, "--profile");
var profileDirectory = profileIndex >= 0 ? args[profileIndex + 1] : null;
var traceIndex = Array.IndexOf(args, "--trace");
var traceDirectory = traceIndex >= 0 ? args[traceIndex + 1] : null;
var assetsIndex = Array.IndexOf(args, "--assets");
var assetsDirectory = assetsIndex >= 0 ? args[assetsIndex + 1] : null;
var settle = !args.Contains("--no-settle");
var coldIndex = Array.IndexOf(args, "--cold-server");
var warmUrl = coldIndex >= 0 ? args[coldIndex + 1] : url;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// One unmeasured visit, so the browser's and (without --cold-server) the service's first-request start-up is not counted.
await MeasureAsync(browser, warmUrl, pan, settle, null, null, assetsDirectory);

var visits = new List<Visit>();
for (var run = 1; run <= runs; run++)
{
    var visit = await MeasureAsync(browser, url, pan, settle, run == 1 ? profileDirectory : null, run == 1 ? traceDirectory : null, assetsDirectory);
    visits.Add(visit);
    Console.WriteLine(pan
        ? FormattableString.Invariant($"run {run}: first render {visit.Ready:F0} ms ({visit.Tiles} tiles, z{visit.TileZooms}, asked from {visit.FirstTileAsked:F0} ms, the last in at {visit.LastTile:F0} ms), pan {visit.Pan:F0} ms ({visit.PanTiles} tiles), browser CPU {visit.CpuReady.All:F0} ms render (renderers {visit.CpuReady.Renderers:F0}, main thread {visit.CpuReady.MainThread:F0}), {visit.CpuPanned.All:F0} ms pan (renderers {visit.CpuPanned.Renderers:F0}), JS heap {visit.HeapReady / 1048576:F0} MB after render, {visit.HeapPanned / 1048576:F0} MB after pan")
        : FormattableString.Invariant($"run {run}: {visit.Ready:F0} ms, browser CPU {visit.CpuReady.All:F0} ms (renderers {visit.CpuReady.Renderers:F0})"));
}

var times = visits.Select(v => v.Ready).Order().ToList();
Console.WriteLine(FormattableString.Invariant(
    $"first complete render over {runs} cold visits: median {Percentile(times, 0.5):F0} ms, p90 {Percentile(times, 0.9):F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms (target ≤ {target:F0} ms)"));
Console.WriteLine(FormattableString.Invariant(
    $"browser CPU per visit: median {Percentile(visits.Select(v => v.CpuReady.All).Order().ToList(), 0.5):F0} ms to the first render, {Percentile(visits.Select(v => v.CpuPanned.All).Order().ToList(), 0.5):F0} ms for the pan; of which the renderer processes (the page itself) {Percentile(visits.Select(v => v.CpuReady.Renderers).Order().ToList(), 0.5):F0} ms and {Percentile(visits.Select(v => v.CpuPanned.Renderers).Order().ToList(), 0.5):F0} ms, their main threads {Percentile(visits.Select(v => v.CpuReady.MainThread).Order().ToList(), 0.5):F0} ms and {Percentile(visits.Select(v => v.CpuPanned.MainThread).Order().ToList(), 0.5):F0} ms"));
if (!pan)
{
    return Percentile(times, 0.5) <= target ? 0 : 1;
}

var pans = visits.Select(v => v.Pan).Order().ToList();
var heaps = visits.Select(v => Math.Max(v.HeapReady, v.HeapPanned) / 1048576).Order().ToList();
Console.WriteLine(FormattableString.Invariant(
    $"pan one screen width east: median {Percentile(pans, 0.5):F0} ms, p90 {Percentile(pans, 0.9):F0} ms, min {pans[0]:F0} ms, max {pans[^1]:F0} ms (target ≤ 500 ms)"));
Console.WriteLine(FormattableString.Invariant(
    $"JS heap used (larger of after render / after pan): median {Percentile(heaps, 0.5):F0} MB, max {heaps[^1]:F0} MB (target ≤ 300 MB)"));
return Percentile(times, 0.5) <= target && Percentile(pans, 0.5) <= 500 && heaps[^1] <= 300 ? 0 : 1;

static async Task<Visit> MeasureAsync(IBrowser browser, string url, bool pan, bool settle, string? profileDirectory, string? traceDirectory, string? assetsDirectory)
{
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
    var page = await context.NewPageAsync();
    if (assetsDirectory is not null)
    {
        await page.RouteAsync("**/assets/*", route =>
        {
            var file = Path.Combine(assetsDirectory, "assets", Path.GetFileName(new Uri(route.Request.Url).AbsolutePath));
            var type = Path.GetExtension(file) switch { ".js" => "text/javascript", ".css" => "text/css", _ => "application/octet-stream" };
            return route.FulfillAsync(new() { Path = file, ContentType = type });
        });
        // The page too, when the build has one: its preload and modulepreload tags belong to that build.
        var index = Path.Combine(assetsDirectory, "index.html");
        if (File.Exists(index))
        {
            await page.RouteAsync(address => new Uri(address).AbsolutePath == "/", route => route.FulfillAsync(new() { Path = index, ContentType = "text/html; charset=utf-8" }));
        }
    }

    var tiles = new List<string>();
    page.RequestFinished += (_, request) =>
    {
        if (request.Url.Contains("/tiles/WebMercatorQuad/", StringComparison.Ordinal))
        {
            lock (tiles)
            {
                tiles.Add(request.Url);
            }
        }
    };
    var session = await context.NewCDPSessionAsync(page);
    if (profileDirectory is not null)
    {
        await StartProfileAsync(session);
    }

    if (traceDirectory is not null)
    {
        await StartTraceAsync(session);
    }

    if (settle)
    {
        await SettleAsync();
    }

    var cpuStart = BrowserCpuMilliseconds();
    await page.GotoAsync(url);
    await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 60_000 });
    var cpuReady = BrowserCpuMilliseconds() - cpuStart;
    if (profileDirectory is not null)
    {
        await StopProfileAsync(session, Path.Combine(profileDirectory, "render.cpuprofile"));
    }

    var ready = await page.EvaluateAsync<double>("() => window.__viewerReady");
    if (traceDirectory is not null)
    {
        await StopTraceAsync(session, Path.Combine(traceDirectory, "render.trace.json"));
        await File.WriteAllTextAsync(Path.Combine(traceDirectory, "render.ready"), ready.ToString(CultureInfo.InvariantCulture));
    }
    if (!pan)
    {
        return new Visit(ready, 0, "", 0, 0, 0, 0, 0, 0, cpuReady, default);
    }

    var heapReady = await UsedHeapAsync(session);
    // When the last tile in view had arrived (resource timing, from navigation): the rest of the first render is drawing.
    var lastTile = await page.EvaluateAsync<double>(
        "() => Math.max(0, ...performance.getEntriesByType('resource').filter((e) => e.name.includes('/tiles/WebMercatorQuad/')).map((e) => e.responseEnd))");
    // And when the first of them was asked for: how long the page took to know which tiles it needs.
    var firstTileAsked = await page.EvaluateAsync<double>(
        "() => Math.min(...performance.getEntriesByType('resource').filter((e) => e.name.includes('/tiles/WebMercatorQuad/')).map((e) => e.startTime).concat(1e9)) % 1e9");
    int readyTiles;
    string zooms;
    lock (tiles)
    {
        readyTiles = tiles.Count;
        zooms = string.Join(",", tiles.Select(t => t.Split("/WebMercatorQuad/")[1].Split('/')[0]).Distinct());
    }

    if (profileDirectory is not null)
    {
        await StartProfileAsync(session);
    }

    var cpuBeforePan = BrowserCpuMilliseconds();
    var panned = await page.EvaluateAsync<double>(
        """
        () => new Promise((resolve) => {
          const map = window.__viewer.map;
          const view = map.getView();
          const [width] = map.getSize();
          const [x, y] = view.getCenter();
          const start = performance.now();
          map.once('rendercomplete', () => resolve(performance.now() - start));
          view.setCenter([x + width * view.getResolution(), y]);
        })
        """);
    var cpuPanned = BrowserCpuMilliseconds() - cpuBeforePan;
    if (profileDirectory is not null)
    {
        await StopProfileAsync(session, Path.Combine(profileDirectory, "pan.cpuprofile"));
    }

    var heapPanned = await UsedHeapAsync(session);
    int panTiles;
    lock (tiles)
    {
        panTiles = tiles.Count - readyTiles;
    }

    return new Visit(ready, readyTiles, zooms, panned, panTiles, heapReady, heapPanned, firstTileAsked, lastTile, cpuReady, cpuPanned);
}

static async Task StartProfileAsync(ICDPSession session)
{
    await session.SendAsync("Profiler.enable");
    await session.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 });
    await session.SendAsync("Profiler.start");
}

static async Task StopProfileAsync(ICDPSession session, string path)
{
    var result = await session.SendAsync("Profiler.stop");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    await File.WriteAllTextAsync(path, result!.Value.GetProperty("profile").GetRawText());
}

static async Task StartTraceAsync(ICDPSession session)
{
    string[] categories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "loading", "toplevel"];
    await session.SendAsync("Tracing.start", new Dictionary<string, object>
    {
        ["transferMode"] = "ReturnAsStream",
        ["traceConfig"] = new Dictionary<string, object> { ["includedCategories"] = categories },
    });
}

// The trace arrives as a stream once tracing has ended; read whole, it is DevTools' JSON trace format.
static async Task StopTraceAsync(ICDPSession session, string path)
{
    var complete = new TaskCompletionSource<string>();
    session.Event("Tracing.tracingComplete").OnEvent += (_, e) => complete.TrySetResult(e!.Value.GetProperty("stream").GetString()!);
    await session.SendAsync("Tracing.end");
    var stream = await complete.Task.WaitAsync(TimeSpan.FromSeconds(60));
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    await using var file = File.Create(path);
    while (true)
    {
        var chunk = (await session.SendAsync("IO.read", new Dictionary<string, object> { ["handle"] = stream, ["size"] = 1 << 20 }))!.Value;
        var data = chunk.GetProperty("data").GetString()!;
        var bytes = chunk.TryGetProperty("base64Encoded", out var encoded) && encoded.GetBoolean() ? Convert.FromBase64String(data) : System.Text.Encoding.UTF8.GetBytes(data);
        await file.WriteAsync(bytes);
        if (chunk.GetProperty("eof").GetBoolean())
        {
            break;
        }
    }

    await session.SendAsync("IO.close", new Dictionary<string, object> { ["handle"] = stream });
}

static async Task<double> UsedHeapAsync(ICDPSession session)
{
    var usage = await session.SendAsync("Runtime.getHeapUsage");
    return usage!.Value.GetProperty("usedSize").GetDouble();
}

// User + system CPU time of this process's descendants (Playwright's driver, chromium and its renderers), from /proc,
// and of the renderer processes alone (the page's script, layout and canvas drawing; the browser process's share,
// Playwright's protocol and request routing included, is about as large and no change to the viewer touches it), and
// of their main threads (the page's own thread, where the first render waits; a page's workers and Chromium's raster
// and compositor threads run beside it, on the second core when it is free).
// Until the browser's processes together used under 5 % of a core over the last 250 ms (or 15 s have passed).
static async Task SettleAsync()
{
    var until = DateTime.UtcNow.AddSeconds(15);
    var before = BrowserCpuMilliseconds().All;
    while (DateTime.UtcNow < until)
    {
        await Task.Delay(250);
        var now = BrowserCpuMilliseconds().All;
        if (now - before < 12.5)
        {
            return;
        }

        before = now;
    }
}

static Cpu BrowserCpuMilliseconds()
{
    var renderers = new HashSet<int>();
    var mainThreads = new Dictionary<int, long>();
    var parents = new Dictionary<int, int>();
    var ticks = new Dictionary<int, long>();
    foreach (var directory in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(directory), out var pid))
        {
            continue;
        }

        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            // After "pid (name) ": state ppid ... utime (14th field) stime (15th).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("--type=renderer", StringComparison.Ordinal))
            {
                renderers.Add(pid);
                mainThreads[pid] = MainThreadTicks(directory);
            }
        }
        catch (IOException)
        {
            // The process ended while the list was read.
        }
    }

    var self = Environment.ProcessId;
    long total = 0;
    long rendered = 0;
    long main = 0;
    foreach (var (pid, used) in ticks)
    {
        for (var walk = pid; parents.TryGetValue(walk, out var parent) && walk != self; walk = parent)
        {
            if (parent == self)
            {
                total += used;
                rendered += renderers.Contains(pid) ? used : 0;
                main += mainThreads.GetValueOrDefault(pid);
                break;
            }
        }
    }

    // Linux reports CPU time in clock ticks of 10 ms (USER_HZ = 100).
    return new Cpu(total * 10.0, rendered * 10.0, main * 10.0);
}

// A process's main thread is the task with the process's own id (Chromium's renderer names it after the binary).
static long MainThreadTicks(string process)
{
    var fields = File.ReadAllText(Path.Combine(process, "task", Path.GetFileName(process), "stat")).Split(") ")[^1].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

internal sealed record Visit(double Ready, int Tiles, string TileZooms, double Pan, int PanTiles, double HeapReady, double HeapPanned, double FirstTileAsked, double LastTile, Cpu CpuReady, Cpu CpuPanned);

/// <summary>CPU milliseconds of every browser process, of the renderer processes among them, and of their main threads.</summary>
internal readonly record struct Cpu(double All, double Renderers, double MainThread)
{
    public static Cpu operator -(Cpu a, Cpu b) => new(a.All - b.All, a.Renderers - b.Renderers, a.MainThread - b.MainThread);
}
