using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>The header's search box: suggestions from /api/search, a pick zooms to the feature and opens its popup.</summary>
[Collection(ViewerCollection.Name)]
public sealed class SearchTests(ViewerFixture viewer)
{
    [Fact]
    public async Task Searching_胡桥_offers_project_12_and_Enter_opens_its_popup()
    {
        var name = GisDataFile.Feature("projects.geojson", 12).GetProperty("properties").GetProperty("name").GetString()!;
        Assert.Contains("胡桥", name, StringComparison.Ordinal);
        var page = await viewer.OpenViewerAsync();

        await page.ClickAsync("#search-input");
        await page.Keyboard.TypeAsync("胡桥");

        var option = page.Locator("#search-results li[role='option'][data-collection='projects'][data-id='12']");
        await Expect(option).ToContainTextAsync(name);
        await Expect(page.Locator("#search-input")).ToHaveAttributeAsync("aria-expanded", "true");
        await ViewerFixture.ScreenshotAsync(page, "09-search-suggestions");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#popup h3")).ToContainTextAsync(name);
        await Expect(page.Locator("#search-results")).ToBeHiddenAsync();
        Assert.Contains("s=projects:12", page.Url, StringComparison.Ordinal);
        // Zoomed to it: the project is on screen, inside the map.
        await AssertOnMapAsync(page, "projects", 12);
    }

    [Fact]
    public async Task Searching_a_township_and_picking_it_zooms_to_its_seat()
    {
        const long code = 500154001;
        var name = GisDataFile.Feature("townships.geojson", code).GetProperty("properties").GetProperty("name").GetString()!;
        var page = await viewer.OpenViewerAsync();
        var zoomBefore = await page.EvaluateAsync<double>("() => __viewer.map.getView().getZoom()");

        await page.FillAsync("#search-input", name);
        var option = page.Locator($"#search-results li[role='option'][data-collection='townships'][data-id='{code.ToString(CultureInfo.InvariantCulture)}']");
        await Expect(option).ToContainTextAsync(name);
        await option.ClickAsync();

        await Expect(page.Locator("#popup h3")).ToContainTextAsync(name);
        var zoom = await page.EvaluateAsync<double>("() => __viewer.map.getView().getZoom()");
        Assert.True(zoom >= zoomBefore + 3, $"zoom {zoomBefore:F1} → {zoom:F1}: the map did not zoom to the township");
        await AssertOnMapAsync(page, "townships", code);
    }

    [Fact]
    public async Task Arrow_keys_move_through_the_suggestions_and_Enter_picks_the_highlighted_one()
    {
        var page = await viewer.OpenViewerAsync();
        await page.FillAsync("#search-input", "12");
        await Expect(page.Locator("#search-results li[role='option']").First).ToHaveAttributeAsync("data-id", "12");
        var second = page.Locator("#search-results li[role='option']").Nth(1);
        var (collection, id) = (await second.GetAttributeAsync("data-collection"), await second.GetAttributeAsync("data-id"));

        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(second).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#search-input")).ToHaveAttributeAsync("aria-activedescendant", "search-option-1");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#popup h3")).ToBeVisibleAsync();
        Assert.Contains($"s={collection}:{id}", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_says_so()
    {
        var page = await viewer.OpenViewerAsync();
        await page.FillAsync("#search-input", "不存在的地名");
        await Expect(page.Locator("#search-results .search-none")).ToHaveTextAsync("没有找到");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#search-results")).ToBeHiddenAsync();
    }

    /// <summary>The feature's probe point is inside the map's visible box.</summary>
    private static async Task AssertOnMapAsync(IPage page, string layer, long id)
    {
        await page.WaitForFunctionAsync("() => !__viewer.map.getView().getAnimating()");
        var xy = await page.EvaluateAsync<double[]>("([layer, id]) => __viewer.pixelOf(layer, id, false)", new object[] { layer, id });
        var size = await page.EvaluateAsync<double[]>("() => __viewer.map.getSize()");
        Assert.InRange(xy[0], 0, size[0]);
        Assert.InRange(xy[1], 0, size[1]);
    }
}
