using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>Identify lists every feature under the click, grouped by layer; picking a line shows that feature.</summary>
[Collection(ViewerCollection.Name)]
public sealed class IdentifyListTests(ViewerFixture viewer)
{
    [Fact]
    public async Task A_click_on_the_citys_cluster_lists_every_project_in_it_and_picking_one_opens_it()
    {
        var page = await viewer.OpenViewerAsync();
        // At the first view the city's project circles are one cluster with a count (ClusterTests): the biggest one.
        var city = (await page.ClustersAsync("projects")).MaxBy(c => c.Ids.Length)!;
        Assert.True(city.Ids.Length > 1, "the city's projects are not clustered");
        var box = (await page.Locator("#map").BoundingBoxAsync())!;

        await page.Mouse.ClickAsync(box.X + (float)city.Pixel[0], box.Y + (float)city.Pixel[1]);
        await Expect(page.Locator("#popup .identify-list")).ToBeVisibleAsync();

        var listed = (await page.Locator("#popup .identify-list ul[data-layer='projects'] button").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.id)"))
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
        Assert.True(listed.Count > 1, $"the click on the city's cluster lists {listed.Count} project(s)");
        // Every project of the cluster is listed (a big neighbouring circle under the click may add its own); each once.
        Assert.Subset(listed.ToHashSet(), city.Ids.ToHashSet());
        Assert.Equal(listed.Count, listed.Distinct().Count());
        // Grouped by layer: the district outline is under the click too, in a group of its own.
        await Expect(page.Locator("#popup .identify-list h4")).ToContainTextAsync(["重大项目"]);
        await Expect(page.Locator("#popup .identify-list ul[data-layer='district'] button")).ToHaveCountAsync(1);
        await ViewerFixture.ScreenshotAsync(page, "11-identify-list");

        var other = listed[1];
        var name = GisDataFile.Feature("projects.geojson", other).GetProperty("properties").GetProperty("name").GetString()!;
        var line = page.Locator($"#popup .identify-list ul[data-layer='projects'] button[data-id='{other.ToString(CultureInfo.InvariantCulture)}']");
        await Expect(line).ToHaveTextAsync($"{other} · {name}");
        await line.ClickAsync();

        await Expect(page.Locator("#popup h3")).ToHaveTextAsync($"重大项目 · {name}");
        await Expect(page.Locator("#popup tr[data-field='name'] td")).ToHaveTextAsync(name);
        await Expect(line).ToHaveAttributeAsync("aria-current", "true");
        await Expect(page.Locator("#popup .identify-list ul[data-layer='projects'] button")).ToHaveCountAsync(listed.Count);
        Assert.Contains($"s=projects:{other}", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#popup")).ToHaveAttributeAsync("aria-label", $"重大项目 · {name}");
    }
}
