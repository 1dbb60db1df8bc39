using System.Globalization;
using Geo.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Geo.Viewer.Tests;

/// <summary>Identify lists every feature under the click, grouped by layer; picking a line shows that feature.</summary>
[Collection(ViewerCollection.Name)]
public sealed class IdentifyListTests(ViewerFixture viewer)
{
    [Fact]
    public async Task A_click_on_the_citys_cluster_lists_every_project_there_and_picking_one_opens_it()
    {
        var page = await viewer.OpenViewerAsync();
        // Where the project circles crowd most at the first view: the project with most others within 8 px.
        var ids = GisDataFile.Features("projects.geojson").Select(f => f.GetProperty("id").GetInt64()).ToList();
        var pixels = new Dictionary<long, double[]>();
        foreach (var id in ids)
        {
            pixels[id] = await page.EvaluateAsync<double[]>("id => __viewer.pixelOf('projects', id, false)", id);
        }

        double Distance(long a, long b) => Math.Sqrt(Math.Pow(pixels[a][0] - pixels[b][0], 2) + Math.Pow(pixels[a][1] - pixels[b][1], 2));
        var centre = ids.MaxBy(id => ids.Count(other => Distance(id, other) < 8));
        var click = await page.FeatureOnPageAsync("projects", centre);

        await page.Mouse.ClickAsync(click.X, click.Y);
        await Expect(page.Locator("#popup .identify-list")).ToBeVisibleAsync();

        var listed = (await page.Locator("#popup .identify-list ul[data-layer='projects'] button").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.id)"))
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
        Assert.True(listed.Count > 1, $"the click on project {centre} lists {listed.Count} project(s)");
        // Every project whose centre is within 2 px of the click is drawn under it, so it must be listed; each once.
        Assert.Subset(listed.ToHashSet(), ids.Where(id => Distance(id, centre) <= 2).ToHashSet());
        Assert.Equal(listed.Count, listed.Distinct().Count());
        // Grouped by layer: the district outline is under the click too, in a group of its own.
        await Expect(page.Locator("#popup .identify-list h4")).ToContainTextAsync(["重大项目"]);
        await Expect(page.Locator("#popup .identify-list ul[data-layer='district'] button")).ToHaveCountAsync(1);
        await ViewerFixture.ScreenshotAsync(page, "11-identify-list");

        var other = listed.First(id => id != centre);
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
