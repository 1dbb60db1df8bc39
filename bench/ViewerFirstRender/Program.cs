using System.Globalization;
using Microsoft.Playwright;

// Usage: ViewerFirstRender <viewer-url> [runs]
// Each run is a fresh browser context (empty cache, as a first visit) at 1280×800. "Complete" is the viewer's own
// window.__viewerReady: every layer's features loaded and the map rendered them (performance.now(), so measured
// from the start of navigation).
var url = args.Length > 0 ? args[0] : "http://127.0.0.1:5181/";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// One unmeasured visit, so the service's own first-request start-up (JIT, loading gis-data) is not counted.
await MeasureAsync(browser, url);
var times = new List<double>();
for (var run = 1; run <= runs; run++)
{
    var ms = await MeasureAsync(browser, url);
    times.Add(ms);
    Console.WriteLine(FormattableString.Invariant($"run {run}: {ms:F0} ms"));
}

times.Sort();
Console.WriteLine(FormattableString.Invariant(
    $"first complete render over {runs} cold visits: median {Percentile(times, 0.5):F0} ms, p90 {Percentile(times, 0.9):F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms (target ≤ 1500 ms)"));
return Percentile(times, 0.5) <= 1500 ? 0 : 1;

static async Task<double> MeasureAsync(IBrowser browser, string url)
{
    await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
    var page = await context.NewPageAsync();
    await page.GotoAsync(url);
    await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 30_000 });
    return await page.EvaluateAsync<double>("() => window.__viewerReady");
}

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
