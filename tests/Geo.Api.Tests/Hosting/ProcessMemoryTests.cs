using System.Diagnostics;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// Issue 9: the service's memory is back within 20 % of its start after the hostile battery. Measured as the
/// operating system sees it (the resident set of the real process, started as an operator starts it), because the
/// memory that stayed was outside what a managed-heap measurement shows after a forced collection: the shared array
/// pool's per-thread copies of the large buffers JSON parsing rented (see <c>MemoryRelease</c>).
/// The start is a service in its working state, not a cold one: started, then one ordinary, valid request of each
/// kind the battery sends (items with bbox, datetime, CRS and CQL2 filters, search, the three analyses), so the data
/// are loaded, those routes compiled and the pools primed. (The battery's indicator writes are sent without an account
/// here and answer 401 before their body is read, so they need no ordinary counterpart.) Then the whole battery runs
/// <see cref="Rounds"/> times, and RSS must be back within 20 % of the start within <see cref="Patience"/> of its end.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class ProcessMemoryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Rounds = 4;

    /// <summary>
    /// RSS was back 4–9 s after the battery in most runs (the thread pool's 2 s idle timeout, then MemoryRelease's
    /// releases 3, 6 and 9 s into the quiet: Geo.Api.Hosting.MemoryRelease); in some it stayed a few MB over until the
    /// release 31 s after the first one, when the pool drops what threads that live on still hold (its own rule: 30 s
    /// after a collection saw the array unused). The bound takes that release in. Without the fix (the 20 s thread
    /// timeout, releases 31 s apart) RSS was still 40–53 % over the start 45 s after the battery, on both stores.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private const string Projects = "/ogcapi/collections/projects";
    private const string Site = """{"type":"Polygon","coordinates":[[[108.300,31.060],[108.315,31.060],[108.315,31.070],[108.300,31.070],[108.300,31.060]]]}""";

    /// <summary>One valid request for each kind of hostile one: same routes, same parsers, ordinary sizes.</summary>
    private static readonly HostileRequest[] Ordinary =
    [
        new("GET", $"{Projects}/items?bbox=12064000,3640000,12074000,3650000&bbox-crs=EPSG:3857"),
        new("GET", $"{Projects}/items?datetime=2020-01-01T00:00:00Z/.."),
        new("GET", $"{Projects}/items?filter-crs=EPSG:4545&filter=S_INTERSECTS(geometry,POLYGON((3440000 430000,3460000 430000,3460000 450000,3440000 430000)))"),
        new("GET", $"{Projects}/items?filter=" + Uri.EscapeDataString("name LIKE '%镇%' AND id IN (1,2,3)")),
        new("POST", $"{Projects}/search", $$"""{"op":"s_intersects","args":[{"property":"geometry"},{{Site}}]}"""),
        new("POST", "/api/analysis/compliance", $$"""{"geometry":{{Site}}}"""),
        new("POST", "/api/analysis/projects-in-area", $$"""{"geometry":{{Site}}}"""),
        new("POST", "/api/analysis/overlay", $$"""{"geometry":{{Site}},"layers":[{"layer":"zones"}]}"""),
        new("POST", "/api/analysis/overlay", """{"collection":"projects","ids":[1,2],"layers":[{"layer":"zones"}]}"""),
        new("GET", "/ogcapi/conformance"),
    ];

    [Fact]
    public async Task Embedded_store_memory_returns_within_20_percent_of_its_start_after_the_battery()
    {
        var actuals = Directory.CreateTempSubdirectory("indicator-actuals-");
        try
        {
            await AssertMemoryReturnsAsync(new Dictionary<string, string> { ["IndicatorActuals__Path"] = actuals.FullName });
        }
        finally
        {
            actuals.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task PostGis_store_memory_returns_within_20_percent_of_its_start_after_the_battery()
    {
        var database = new PostGisStoreFixture();
        await database.InitializeAsync();
        try
        {
            await AssertMemoryReturnsAsync(new Dictionary<string, string> { ["ConnectionStrings__Geo"] = database.Database.ConnectionString });
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private async Task AssertMemoryReturnsAsync(Dictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}");
        environment["ASPNETCORE_URLS"] = address.ToString();
        using var process = ServiceProcess.Start(environment);
        await process.WaitUntilAnsweringAsync(address, TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

        foreach (var request in Ordinary)
        {
            using var message = HostileRequests.Message(request);
            var (response, body, _) = await HostileRequests.SendAsync(client, message);
            Assert.True(response.IsSuccessStatusCode, $"{request.Method} {request.Path} answered {(int)response.StatusCode}: {body}");
        }

        var start = process.ResidentBytes;
        var peak = start;
        var battery = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            await SendBatteryAsync(client);
            peak = Math.Max(peak, process.ResidentBytes);
        }

        var clock = Stopwatch.StartNew();
        var trace = new List<string>();
        var end = process.ResidentBytes;
        while (end > start * 1.2 && clock.Elapsed < Patience)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            end = process.ResidentBytes;
            trace.Add($"{clock.Elapsed.TotalSeconds:0}s {end / 1e6:0}");
        }

        output.WriteLine($"RSS {start / 1e6:0.0} MB at the start, {peak / 1e6:0.0} MB at most over {Rounds} rounds of the battery ({battery.Elapsed.TotalSeconds - clock.Elapsed.TotalSeconds:0} s), {end / 1e6:0.0} MB {clock.Elapsed.TotalSeconds:0} s later; {string.Join(", ", trace)}");
        Assert.True(end <= start * 1.2, $"RSS grew from {start / 1e6:0.0} MB to {peak / 1e6:0.0} MB over the battery and was still {end / 1e6:0.0} MB after {Patience.TotalSeconds} s");
    }

    private static async Task SendBatteryAsync(HttpClient client)
    {
        foreach (var (name, request) in HostileRequests.All)
        {
            using var message = HostileRequests.Message(request);
            var (response, _, _) = await HostileRequests.SendAsync(client, message);
            Assert.True((int)response.StatusCode < 500, $"'{name}' answered {(int)response.StatusCode}");
        }
    }
}
