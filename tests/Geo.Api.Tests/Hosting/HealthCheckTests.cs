using Geo.Api.Backends.Embedded.Internal;
using Microsoft.AspNetCore.TestHost;

namespace Geo.Api.Tests.Hosting;

/// <summary>Liveness and readiness on the embedded store; on PostGIS, <see cref="DatabaseOutageTests"/> stops the database under them.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Live_and_ready_answer_200_when_the_embedded_data_is_loaded()
    {
        await using var factory = EmbeddedService.Create();
        var client = factory.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        var legacy = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        var check = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").EnumerateArray().Single();
        Assert.Equal("store", check.GetProperty("name").GetString());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        // 35 projects: the plan's 附件4 list, which gis-data carries whole.
        Assert.Contains("(35 projects)", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_embedded_data_loads_ready_and_data_requests_are_503_at_once_and_metadata_answers()
    {
        // The load is held until the test lets it go, as a million parcels hold it for seconds.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var factory = EmbeddedService.Create(b => b.ConfigureTestServices(s => s.AddSingleton(new EmbeddedLoadHold(release.Task))));
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var items = await client.GetAsync("/ogcapi/collections/projects/items?limit=5");
        var item = await client.GetAsync("/ogcapi/collections/projects/items/1");
        var landing = await client.GetAsync("/ogcapi");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("loading", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var answer in new[] { items, item })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 while loading says when to retry");
            var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Contains("loading", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        release.SetResult();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "ready within 2 minutes of the load's release");
            await Task.Delay(50);
        }

        var loaded = await client.GetAsync("/ogcapi/collections/projects/items?limit=5");
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        // 35 projects: the plan's 附件4 list, which gis-data carries whole.
        Assert.Equal(35, JsonDocument.Parse(await loaded.Content.ReadAsStringAsync()).RootElement.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task Ready_is_503_while_live_stays_200_when_the_embedded_data_cannot_be_loaded()
    {
        var empty = Directory.CreateTempSubdirectory("no-gis-data-");
        try
        {
            await using var factory = EmbeddedService.Create(gisData: empty.FullName);
            var client = factory.CreateClient();

            var ready = await client.GetAsync("/health/ready");
            var live = await client.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
