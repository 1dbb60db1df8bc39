using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// Run alone: the in-memory exporters listen to every meter and source of their name in the process, so another test's
/// service answering 503 on the items route (DatabaseOutageTests) would show up in this one's histogram.
/// </summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTestsRunAlone;

/// <summary>The service's OpenTelemetry pipeline, with an in-memory exporter added where an operator would add OTLP.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_request_is_measured_in_the_request_duration_histogram_and_traced()
    {
        var metrics = new List<Metric>();
        var activities = new List<Activity>();
        await using var factory = EmbeddedService.Create(b => b.ConfigureServices(s => InMemoryExporters(s, metrics, activities)));

        await GetItemsAndFlushAsync(factory, metrics, activities);

        var duration = Assert.Single(metrics, m => m.Name == "http.server.request.duration");
        Assert.Equal(MetricType.Histogram, duration.MetricType);
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in duration.GetMetricPoints())
        {
            points.Add(point);
        }

        var items = points.Where(p => Tag(p, "http.route") == "/ogcapi/collections/{collectionId}/items").ToList();
        Assert.NotEmpty(items);
        Assert.All(items, p => Assert.Equal("200", Tag(p, "http.response.status_code")));
        Assert.True(items.Max(p => p.GetHistogramCount()) >= 1);
        Assert.Contains(activities, a => a.Kind == ActivityKind.Server && a.DisplayName == "GET /ogcapi/collections/{collectionId}/items");
    }

    [Fact]
    public async Task Database_commands_are_traced_and_measured_on_PostGIS()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        try
        {
            SchemaMigrator.Migrate(database.ConnectionString);
            var metrics = new List<Metric>();
            var activities = new List<Activity>();
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseSetting("ConnectionStrings:Geo", database.ConnectionString)
                .ConfigureServices(s => InMemoryExporters(s, metrics, activities)));

            await GetItemsAndFlushAsync(factory, metrics, activities);

            var server = Assert.Single(activities, a => a.Kind == ActivityKind.Server);
            Assert.Contains(activities, a => a.Source.Name == "Npgsql" && a.Kind == ActivityKind.Client && a.ParentSpanId == server.SpanId);
            Assert.Contains(metrics, m => m.MeterName == "Npgsql");
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Where an operator would add OTLP: exporters into the test's lists.</summary>
    private static void InMemoryExporters(IServiceCollection services, List<Metric> metrics, List<Activity> activities) => services
        .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics))
        .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(activities));

    /// <summary>
    /// One items request, answered 200, then every measurement and span handed to the exporters. The server records the
    /// request's duration and ends its span just after the client has the answer, so this flushes until both are there
    /// (at most 5 s), keeping only the last metric snapshot (each flush exports every metric again).
    /// </summary>
    private static async Task GetItemsAndFlushAsync<T>(WebApplicationFactory<T> factory, List<Metric> metrics, List<Activity> activities)
        where T : class
    {
        var response = await factory.CreateClient().GetAsync("/ogcapi/collections/projects/items?limit=3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        for (var waited = 0; ; waited += 50)
        {
            metrics.Clear();
            Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush());
            Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush());
            if ((metrics.Exists(m => m.Name == "http.server.request.duration") && activities.Exists(a => a.Kind == ActivityKind.Server)) || waited >= 5000)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
