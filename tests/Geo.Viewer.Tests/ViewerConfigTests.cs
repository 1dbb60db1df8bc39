using System.Text.Json;
using Geo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Geo.Viewer.Tests;

/// <summary>/viewer/config: online base maps are off unless configured, and field titles come from the catalog.</summary>
public sealed class ViewerConfigTests
{
    private sealed class Service(Dictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Geo", "");
            builder.UseSetting("GisData:Path", RepoPaths.GisData);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    private static async Task<JsonElement> ConfigAsync(Dictionary<string, string> settings)
    {
        await using var service = new Service(settings);
        using var client = service.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/viewer/config", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Online_base_maps_are_off_by_default_and_field_titles_are_the_catalogs()
    {
        var config = await ConfigAsync([]);

        Assert.False(config.GetProperty("baseMaps").GetProperty("tianditu").GetProperty("enabled").GetBoolean());
        Assert.False(config.GetProperty("baseMaps").GetProperty("openStreetMap").GetProperty("enabled").GetBoolean());
        var projects = config.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "projects");
        var investment = projects.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "investment_wan");
        Assert.Equal("计划总投资（万元）", investment.GetProperty("titleZh").GetString());
        // Tables without geometry are not map layers.
        Assert.DoesNotContain(config.GetProperty("collections").EnumerateArray(), c => c.GetProperty("id").GetString() == "indicators");
    }

    [Fact]
    public async Task Configuration_switches_on_Tianditu_with_its_key_and_OpenStreetMap()
    {
        var config = await ConfigAsync(new()
        {
            ["Viewer:BaseMaps:Tianditu:Enabled"] = "true",
            ["Viewer:BaseMaps:Tianditu:Key"] = "test-key",
            ["Viewer:BaseMaps:OpenStreetMap:Enabled"] = "true",
        });

        var tianditu = config.GetProperty("baseMaps").GetProperty("tianditu");
        Assert.True(tianditu.GetProperty("enabled").GetBoolean());
        Assert.Equal("test-key", tianditu.GetProperty("key").GetString());
        Assert.True(config.GetProperty("baseMaps").GetProperty("openStreetMap").GetProperty("enabled").GetBoolean());
    }
}
