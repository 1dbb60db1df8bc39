using System.Diagnostics;
using System.Runtime;

namespace Geo.Api.Tests.Hosting;

/// <summary>Runs alone: the memory it measures is the whole test process's.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Issue 9 asks that the server's memory come back within 20 % of its start after the hostile battery. The service
/// runs inside the test process here (WebApplicationFactory on Kestrel), so this measures the managed heap after a
/// full, compacting collection, before and after three rounds of the battery. The large-object heap keeps the big
/// buffers the JSON readers rented from the shared array pool until the pool trims them (arrays idle for about a
/// minute, at a full collection), so the test waits for that, up to <see cref="Patience"/>.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class MemoryAfterBatteryTests(EmbeddedServiceFactory factory, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<EmbeddedServiceFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task The_heap_returns_within_20_percent_of_its_start_after_the_battery()
    {
        using var client = await HostileRequests.ClientAsync(factory);

        // The first round loads the store and compiles every route: that memory is the start, not growth.
        await SendBatteryAsync(client);
        var start = HeapAfterFullCollection();
        for (var round = 0; round < 3; round++)
        {
            await SendBatteryAsync(client);
        }

        var afterBattery = HeapAfterFullCollection();
        var clock = Stopwatch.StartNew();
        var end = afterBattery;
        while (end > start * 1.2 && clock.Elapsed < Patience)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            end = HeapAfterFullCollection();
        }

        output.WriteLine($"heap {start / 1e6:0.0} MB at the start, {afterBattery / 1e6:0.0} MB right after the battery, {end / 1e6:0.0} MB {clock.Elapsed.TotalSeconds:0} s later");
        Assert.True(end <= start * 1.2, $"the heap grew from {start / 1e6:0.0} MB to {end / 1e6:0.0} MB over the battery and stayed there");
    }

    private static async Task SendBatteryAsync(HttpClient client)
    {
        foreach (var (name, request) in HostileRequests.All.Where(c => !c.Key.StartsWith("CQL2", StringComparison.Ordinal)))
        {
            using var message = HostileRequests.Message(request);
            var (response, _, _) = await HostileRequests.SendAsync(client, message);
            Assert.True((int)response.StatusCode is >= 200 and < 500, $"'{name}' answered {(int)response.StatusCode}");
        }
    }

    private static long HeapAfterFullCollection()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
