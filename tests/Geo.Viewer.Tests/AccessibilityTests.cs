namespace Geo.Viewer.Tests;

/// <summary>Keyboard and screen readers: a skip link to the map, controls named in the UI language, a named popup.</summary>
[Collection(ViewerCollection.Name)]
public sealed class AccessibilityTests(ViewerFixture viewer)
{
    [Fact]
    public async Task The_first_Tab_reaches_the_skip_link_and_Enter_puts_the_keyboard_on_the_map()
    {
        var page = await viewer.OpenViewerAsync();
        var hash = new Uri(page.Url).Fragment;

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-to-map", await ActiveIdAsync(page));
        await Expect(page.Locator("#skip-to-map")).ToHaveTextAsync("跳到地图");
        await Expect(page.Locator("#skip-to-map")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("map", await ActiveIdAsync(page));
        // The link does not replace the permalink in the address.
        Assert.Equal(hash, new Uri(page.Url).Fragment);
        var resolution = await page.EvaluateAsync<double>("() => __viewer.map.getView().getResolution()");
        await page.Keyboard.PressAsync("+");
        await page.WaitForFunctionAsync("r => __viewer.map.getView().getResolution() < r * 0.6 && !__viewer.map.getView().getAnimating()", resolution);
    }

    [Fact]
    public async Task The_zoom_buttons_are_named_in_the_UI_language()
    {
        var page = await viewer.OpenViewerAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "放大", Exact = true })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "缩小", Exact = true })).ToHaveCountAsync(1);

        await page.ClickAsync("#lang");

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Zoom in", Exact = true })).ToHaveCountAsync(1);
        await Expect(page.Locator(".ol-zoom-out")).ToHaveAttributeAsync("title", "Zoom out");
        await Expect(page.Locator("#skip-to-map")).ToHaveTextAsync("Skip to the map");
    }

    [Fact]
    public async Task The_popup_is_a_dialog_named_by_the_feature_it_shows()
    {
        var name = GisDataFile.Feature("projects.geojson", 6).GetProperty("properties").GetProperty("name").GetString()!;
        var page = await viewer.OpenViewerAsync("#s=projects:6");

        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = $"重大项目 · {name}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Keyboard_only_a_zone_query_runs_and_a_listed_project_opens()
    {
        var page = await viewer.OpenViewerAsync();
        // Skip link, search, sidebar, table, then 区域查询.
        await TabAsync(page, 5);
        Assert.Equal("open-query", await ActiveIdAsync(page));
        await page.Keyboard.PressAsync("Enter");
        // In the panel: close, the three shapes, clear, then the zone list.
        await TabAsync(page, 5);
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches('#query-panel select.query-zone')"));
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#query-panel select.query-zone")).ToHaveValueAsync("2");
        await Expect(page.Locator("#query-panel .query-list button").First).ToBeVisibleAsync();

        var first = await page.Locator("#query-panel .query-list button").First.GetAttributeAsync("data-id");
        for (var i = 0; i < 30 && !await page.EvaluateAsync<bool>("() => document.activeElement.matches('#query-panel .query-list button')"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal(first, await page.EvaluateAsync<string>("() => document.activeElement.dataset.id"));
        await page.Keyboard.PressAsync("Enter");
        var name = GisDataFile.Feature("projects.geojson", long.Parse(first!, System.Globalization.CultureInfo.InvariantCulture)).GetProperty("properties").GetProperty("name").GetString()!;
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = $"重大项目 · {name}" })).ToBeVisibleAsync();
    }

    private static async Task TabAsync(IPage page, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement.id");
}
