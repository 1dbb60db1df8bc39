using System.Net;
using System.Text.Json;
using Geo.Testing;

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
