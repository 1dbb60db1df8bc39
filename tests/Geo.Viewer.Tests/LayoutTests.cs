namespace Geo.Viewer.Tests;

/// <summary>Small screens: panels push the map aside, the sidebar collapses, the map keeps a usable size.</summary>
[Collection(ViewerCollection.Name)]
public sealed class LayoutTests(ViewerFixture viewer)
{
    private static readonly string[] SidePanels = ["open-query", "open-file", "open-measure", "open-charts", "open-living", "open-export"];

    [Theory]
    [InlineData("")]
    [InlineData("#lang=en")]
    public async Task At_800x600_the_map_keeps_400x300_with_any_panel_open_and_with_the_table_beside_it(string hash)
    {
        var page = await viewer.OpenViewerAsync(hash, width: 800, height: 600);
        var failures = new List<string>();
        foreach (var button in SidePanels.Prepend("open-table"))
        {
            await page.ClickAsync("#" + button);
            failures.AddRange(await TooSmallAsync(page, button));
            await page.ClickAsync("#" + button);
        }

        // The attribute table below the map together with each side panel beside it.
        await page.ClickAsync("#open-table");
        foreach (var button in SidePanels)
        {
            await page.ClickAsync("#" + button);
            failures.AddRange(await TooSmallAsync(page, "open-table + " + button));
        }

        await ViewerFixture.ScreenshotAsync(page, $"10-800x600-table-and-panel{(hash.Length > 0 ? "-en" : string.Empty)}");
        Assert.Empty(failures);
        // One header, no page scrolling, the toolbar on a row of its own rather than wrapped.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight"), "the page scrolls");
        // The edit button shows only to a signed-in editor (EditingTests); hidden, it has no row.
        var rows = await page.Locator(".toolbar button:not([hidden])").EvaluateAllAsync<double[]>("buttons => [...new Set(buttons.map(b => b.offsetTop))]");
        Assert.Single(rows);
        // Every button in sight: none hidden past the toolbar's edge, to be scrolled to.
        var hidden = await page.Locator(".toolbar button").EvaluateAllAsync<string[]>(
            "buttons => buttons.filter(b => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; }).map(b => b.id)");
        Assert.Empty(hidden);
    }

    [Fact]
    public async Task The_layer_sidebar_collapses_and_in_a_narrow_window_takes_turns_with_the_side_panels()
    {
        var page = await viewer.OpenViewerAsync(width: 800, height: 600);
        var open = (await page.Locator("#map").BoundingBoxAsync())!.Width;

        await page.ClickAsync("#toggle-sidebar");
        await Expect(page.Locator("#sidebar")).ToBeHiddenAsync();
        await Expect(page.Locator("#toggle-sidebar")).ToHaveAttributeAsync("aria-expanded", "false");
        var collapsed = (await page.Locator("#map").BoundingBoxAsync())!.Width;
        Assert.True(collapsed >= open + 250, $"the map is {open} px wide with the sidebar and {collapsed} px without");
        // The map's own size follows (OpenLayers draws into the whole element).
        Assert.Equal(collapsed, await page.EvaluateAsync<double>("() => __viewer.map.getSize()[0]"), 1.0);

        await page.ClickAsync("#toggle-sidebar");
        await page.ClickAsync("#open-query");
        await Expect(page.Locator("#sidebar")).ToBeHiddenAsync();
        await page.ClickAsync("#toggle-sidebar");
        await Expect(page.Locator("#sidebar")).ToBeVisibleAsync();
        await Expect(page.Locator("#query-panel")).ToBeHiddenAsync();
        await Expect(page.Locator("#open-query")).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task In_a_wide_window_the_sidebar_stays_open_beside_a_side_panel()
    {
        var page = await viewer.OpenViewerAsync(width: 1280, height: 800);
        await page.ClickAsync("#open-query");
        await Expect(page.Locator("#sidebar")).ToBeVisibleAsync();
        await Expect(page.Locator("#query-panel")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(800, 600)]
    [InlineData(1280, 800)]
    public async Task The_time_slider_and_its_project_list_have_a_place_of_their_own_off_the_map(int width, int height)
    {
        var page = await viewer.OpenViewerAsync(width: width, height: height);
        await page.ClickAsync("#open-table");
        await page.Locator("#time-slider .year-slider").FillAsync("2026");
        await page.ClickAsync("#time-slider details.year-projects summary");
        await Expect(page.Locator("#time-slider .year-project-list button").First).ToBeVisibleAsync();

        var map = (await page.Locator("#map").BoundingBoxAsync())!;
        foreach (var part in new[] { "#time-slider", "#time-slider .year-project-list" })
        {
            var box = (await page.Locator(part).BoundingBoxAsync())!;
            var overlaps = box.X < map.X + map.Width && map.X < box.X + box.Width && box.Y < map.Y + map.Height && map.Y < box.Y + box.Height;
            Assert.False(overlaps, $"{part} ({box.X},{box.Y} {box.Width}×{box.Height}) lies over the map ({map.X},{map.Y} {map.Width}×{map.Height})");
        }

        Assert.Empty(await TooSmallAsync(page, "time slider list open with the table"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight"), "the page scrolls");
    }

    private static async Task<IEnumerable<string>> TooSmallAsync(IPage page, string state)
    {
        // The panel's content (charts, lists) may load after the click; the layout is what it settles to.
        await page.WaitForTimeoutAsync(200);
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        var size = await page.EvaluateAsync<double[]>("() => __viewer.map.getSize()");
        return box.Width >= 400 && box.Height >= 300 && Math.Abs(size[0] - box.Width) <= 1 && Math.Abs(size[1] - box.Height) <= 1
            ? []
            : [$"{state}: map {box.Width}×{box.Height} px (OpenLayers {size[0]}×{size[1]})"];
    }
}
