using System.Net.Http.Headers;
using Geo.Api.Tests.Hosting;
using Microsoft.Extensions.Configuration;

namespace Geo.Api.Tests.OgcApi.Edits;

/// <summary>
/// The service as its own process, killed with SIGKILL right after an acknowledged edit and started again on the same
/// data (folder or database): the edit is there. An edit sent just before the kill is wholly there or wholly absent.
/// </summary>
public abstract class KillNineCases(ServiceFactory factory)
{
    private const string Facilities = "/ogcapi/collections/facilities/items";

    /// <summary>The settings that put a process on the factory's data.</summary>
    protected abstract Dictionary<string, string> DataSettings(IConfiguration configuration);

    [Fact]
    public async Task An_acknowledged_edit_survives_kill_9_and_one_in_flight_is_whole_or_absent()
    {
        var (_, token) = await TestAccounts.CreateAsync(factory.Services, Role.Editor);
        var settings = DataSettings(factory.Services.GetRequiredService<IConfiguration>());
        var port = ServiceProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        settings["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var acknowledgedName = $"kill-9 acknowledged {Guid.NewGuid():N}";
        var inFlightName = $"kill-9 in flight {Guid.NewGuid():N}";

        string url;
        using (var first = ServiceProcess.Start(settings))
        {
            Assert.Equal(HttpStatusCode.OK, await first.WaitUntilAnsweringAsync(address, TimeSpan.FromSeconds(90)));
            var created = await client.PostAsync(Facilities, Facility(acknowledgedName));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            url = created.Headers.Location!.AbsolutePath;
            var replaced = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, url)
            {
                Content = Facility(acknowledgedName + " v2"),
                Headers = { { "If-Match", created.Headers.ETag!.ToString() } },
            });
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

            // Killed right after the 2xx; a second create is on its way when the process dies.
            var inFlight = client.PostAsync(Facilities, Facility(inFlightName));
            await Task.Delay(15);
            first.KillHard();
            try
            {
                await inFlight; // Acknowledged or not, it is checked below as whole or absent.
            }
            catch (HttpRequestException)
            {
                // The connection died with the process: not acknowledged.
            }
        }

        using var second = ServiceProcess.Start(settings);
        Assert.Equal(HttpStatusCode.OK, await second.WaitUntilAnsweringAsync(address, TimeSpan.FromSeconds(90)));
        var read = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"2\"", read.Headers.ETag?.ToString());
        Assert.Equal(acknowledgedName + " v2", JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("properties").GetProperty("name").GetString());

        var all = JsonDocument.Parse(await client.GetStringAsync($"{Facilities}?limit=10000")).RootElement.GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("properties").GetProperty("name").GetString() == inFlightName).ToList();
        Assert.True(all.Count <= 1);
        foreach (var feature in all)
        {
            // Whole: every property as sent, the geometry as sent.
            Assert.Equal("edit test", feature.GetProperty("properties").GetProperty("source").GetString());
            Assert.Equal(108.4012345, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 9);
        }
    }

    private static StringContent Facility(string name) => new(
        $$$"""
        {"type":"Feature","geometry":{"type":"Point","coordinates":[108.4012345,31.1654321]},
         "properties":{"kind":"school","name":"{{{name}}}","planned":true,"source":"edit test","location_precision":"schematic","illustrative":true}}
        """, Encoding.UTF8, "application/geo+json");
}

public sealed class EmbeddedKillNineTests(EmbeddedServiceFactory factory) : KillNineCases(factory), IClassFixture<EmbeddedServiceFactory>
{
    protected override Dictionary<string, string> DataSettings(IConfiguration configuration) => new()
    {
        ["ConnectionStrings__Geo"] = "",
        ["IndicatorActuals__Path"] = configuration["IndicatorActuals:Path"]!,
    };
}

public sealed class PostGisKillNineTests(PostGisServiceFactory factory) : KillNineCases(factory), IClassFixture<PostGisServiceFactory>
{
    protected override Dictionary<string, string> DataSettings(IConfiguration configuration) => new()
    {
        ["ConnectionStrings__Geo"] = configuration.GetConnectionString("Geo")!,
    };
}
