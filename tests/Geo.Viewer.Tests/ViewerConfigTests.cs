using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Geo.Viewer.Tests;

/// <summary>/viewer/config: online base maps are off unless configured, and field titles and code names come from the catalog.</summary>
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
        Assert.False(config.GetProperty("signIn").GetProperty("identityProvider").GetBoolean());
        var projects = config.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "projects");
        var investment = projects.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "investment_wan");
        Assert.Equal("计划总投资（万元）", investment.GetProperty("titleZh").GetString());
        Assert.Equal("Planned investment (×10⁴ yuan)", investment.GetProperty("titleEn").GetString());
        // Tables without geometry are not map layers.
        Assert.DoesNotContain(config.GetProperty("collections").EnumerateArray(), c => c.GetProperty("id").GetString() == "indicators");
    }

    [Fact]
    public async Task Coded_values_carry_their_Chinese_and_English_names_and_open_lists_say_so()
    {
        var config = await ConfigAsync([]);
        var collections = config.GetProperty("collections").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        JsonElement Property(string collection, string name) =>
            collections[collection].GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

        var kinds = Property("facilities", "kind").GetProperty("values");
        Assert.Equal(["school", "clinic", "hospital", "market", "elderly_care", "childcare", "park", "railway_station"],
            kinds.EnumerateObject().Select(k => k.Name));
        Assert.Equal(["火车站", "Railway station"], kinds.GetProperty("railway_station").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("农民搬迁安置区", Property("zones", "kind").GetProperty("values").GetProperty("resettlement")[0].GetString());
        Assert.False(Property("facilities", "kind").TryGetProperty("valuesOpen", out _));
        Assert.True(Property("parcels", "land_use_code").GetProperty("valuesOpen").GetBoolean());
        Assert.False(Property("projects", "name").TryGetProperty("values", out _));
        Assert.Equal("Clinic or hospital", config.GetProperty("livingNeeds").GetProperty("clinic_or_hospital")[1].GetString());
        // The compliance answer's words: verdicts as the answers write them (Chinese), severities by their JSON codes.
        Assert.Equal(["合规", "存在冲突", "需关注", "不在开州区内"], config.GetProperty("complianceVerdicts").EnumerateObject().Select(v => v.Value[0].GetString()));
        Assert.Equal(["存在冲突", "Conflicts found"], config.GetProperty("complianceVerdicts").GetProperty("conflicting").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["conflict", "warning"], config.GetProperty("complianceSeverities").EnumerateObject().Select(v => v.Name));
        Assert.Equal(["警示", "Warning"], config.GetProperty("complianceSeverities").GetProperty("warning").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Each_layer_says_its_geometry_kind_whether_it_is_editable_and_which_fields_are_required()
    {
        var config = await ConfigAsync([]);
        var collections = config.GetProperty("collections").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);

        // Written out here, not read from the catalog: the edit mode draws and checks by these.
        Assert.Equal("MultiPolygon", collections["zones"].GetProperty("geometry").GetString());
        Assert.Equal("PointOrPolygon", collections["projects"].GetProperty("geometry").GetString());
        Assert.Equal("LineString", collections["relocation_flows"].GetProperty("geometry").GetString());
        Assert.Equal(["constraints", "facilities", "parcels", "projects", "relocation_flows", "zones"],
            collections.Values.Where(c => c.GetProperty("editable").GetBoolean()).Select(c => c.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var zoneFields = collections["zones"].GetProperty("properties").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("required").GetBoolean());
        Assert.True(zoneFields["name"]);
        Assert.False(zoneFields["capacity_households"]);
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
