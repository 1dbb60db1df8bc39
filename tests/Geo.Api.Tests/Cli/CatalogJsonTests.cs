using Geo.Api.Cli;

namespace Geo.Api.Tests.Cli;

/// <summary>
/// The committed gis-data/tools/catalog.json (read by the Python generator's tests) is what the <c>catalog</c> verb
/// prints. When the catalog changes, refresh it with <c>UPDATE_CATALOG=1 dotnet test tests/Geo.Api.Tests --filter CatalogJsonTests</c>.
/// </summary>
public sealed class CatalogJsonTests
{
    private static readonly string Committed = Path.Combine(RepoPaths.GisData, "tools", "catalog.json");

    private const string Refresh = "run UPDATE_CATALOG=1 dotnet test tests/Geo.Api.Tests --filter CatalogJsonTests";

    private static async Task<string> PrintedAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["catalog"], output, error, CancellationToken.None));
        Assert.Empty(error.ToString());
        return output.ToString();
    }

    [Fact]
    public async Task The_committed_catalog_json_is_the_printed_one()
    {
        var printed = await PrintedAsync();
        if (Environment.GetEnvironmentVariable("UPDATE_CATALOG") == "1")
        {
            await File.WriteAllTextAsync(Committed, printed);
        }

        Assert.True(File.Exists(Committed), "gis-data/tools/catalog.json is missing; " + Refresh);
        Assert.True(printed == await File.ReadAllTextAsync(Committed), "gis-data/tools/catalog.json is out of date; " + Refresh);
    }

    [Fact]
    public async Task The_json_names_every_collection_with_its_closed_value_lists()
    {
        using var document = JsonDocument.Parse(await PrintedAsync());
        var collections = document.RootElement.GetProperty("collections").EnumerateArray().ToList();
        Assert.Equal(["projects", "zones", "district", "townships", "parcels", "relocation_flows", "constraints", "facilities",
            "indicators", "policies", "reforms", "milestones"], collections.Select(c => c.GetProperty("id").GetString()));

        var kind = collections.Single(c => c.GetProperty("id").GetString() == "facilities").GetProperty("properties").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "kind").GetProperty("codes");
        Assert.True(kind.GetProperty("closed").GetBoolean());
        var station = kind.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("code").GetString() == "railway_station");
        Assert.Equal("火车站", station.GetProperty("titleZh").GetString());
        Assert.Equal("Railway station", station.GetProperty("titleEn").GetString());
    }

    [Fact]
    public async Task Output_writes_a_file_and_an_unwritable_path_is_one_line_and_exit_1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(0, await CliApp.RunAsync(["catalog", "--output", path], output, error, CancellationToken.None));
            Assert.Equal(Catalog.All.Count, JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement.GetProperty("collections").GetArrayLength());

            using var failed = new StringWriter();
            Assert.Equal(1, await CliApp.RunAsync(["catalog", "--output", Path.Combine(path, "no", "such", "dir.json")], output, failed, CancellationToken.None));
            Assert.StartsWith("error: cannot write", failed.ToString(), StringComparison.Ordinal);
            Assert.Single(failed.ToString().TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
