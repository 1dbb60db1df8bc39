using System.Buffers.Binary;
using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>PNG export, permalink, time slider, charts, language and the two screen sizes staff use.</summary>
[Collection(ViewerCollection.Name)]
public sealed class ExportAndStateTests(ViewerFixture viewer)
{
    [Fact]
    public async Task Png_export_is_a_non_blank_image_of_the_requested_size()
    {
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-export");
        await page.FillAsync("#export-form input[name='width']", "1200");
        await page.FillAsync("#export-form input[name='height']", "900");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-form button[type='submit']"));
        var path = Path.Combine(ViewerFixture.Screenshots, "06-export-1200x900.png");
        await download.SaveAsAsync(path);
        var png = await File.ReadAllBytesAsync(path);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(900, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        // Decoded by the browser: many colours (map, legend, text), and most of the map frame is not plain white.
        var rgba = await DecodedPng.RgbaAsync(page, png);
        var pixelCount = rgba.Length / 4;
        var colours = Enumerable.Range(0, pixelCount).Select(i => (rgba[i * 4] << 16) | (rgba[(i * 4) + 1] << 8) | rgba[(i * 4) + 2]).Distinct().Count();
        var notWhite = Enumerable.Range(0, pixelCount).Count(i => rgba[i * 4] < 250 || rgba[(i * 4) + 1] < 250 || rgba[(i * 4) + 2] < 250);
        double[] stats = [colours, (double)notWhite / pixelCount];
        Assert.True(stats[0] > 200, $"only {stats[0]} colours");
        Assert.True(stats[1] > 0.4, $"only {stats[1]:P0} of the image is not white");
        // Putting the map back: the viewer still fills its window.
        Assert.True(await page.EvaluateAsync<bool>("() => __viewer.map.getSize()[0] === document.getElementById('map').clientWidth"));
    }

    [Fact]
    public async Task The_default_viewer_asks_nothing_of_any_other_host()
    {
        var requests = new List<string>();
        var page = await viewer.OpenViewerAsync(beforeNavigation: p => p.Request += (_, request) => requests.Add(request.Url));
        await page.ClickAsync("#open-charts");
        await Expect(page.Locator("#charts-panel .charts-total")).Not.ToBeEmptyAsync();

        Assert.Contains(requests, url => url.Contains("/ogcapi/collections/projects/items", StringComparison.Ordinal));
        Assert.All(requests, url => Assert.StartsWith(viewer.BaseAddress.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_permalink_restores_centre_zoom_layers_selection_and_language_and_follows_changes()
    {
        var page = await viewer.OpenViewerAsync("#c=108.41000,31.17000&z=12.00&l=district,projects&s=projects:20&lang=en");

        await Expect(page.Locator("#lang")).ToHaveTextAsync("中文");
        await Expect(page.Locator("h1")).ToContainTextAsync("Kaizhou");
        Assert.False(await page.IsCheckedAsync("#layer-zones"));
        Assert.True(await page.IsCheckedAsync("#layer-projects"));
        Assert.Equal(12, await page.EvaluateAsync<double>("() => __viewer.map.getView().getZoom()"), 3);
        Assert.Contains("s=projects:20", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#popup tr[data-field='period'] th")).ToHaveTextAsync("Construction period");

        await page.UncheckAsync("#layer-projects");
        await page.WaitForFunctionAsync("() => location.hash.includes('l=district&') || location.hash.endsWith('l=district')");
        await page.ClickAsync("#lang");
        await Expect(page.Locator("h1")).ToContainTextAsync("开州区");
        await Expect(page.Locator("#popup tr[data-field='period'] th")).ToHaveTextAsync("建设年限");
        Assert.DoesNotContain("lang=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_layer_tree_reorders_fades_and_hides_layers()
    {
        var page = await viewer.OpenViewerAsync();
        const string zIndex = "id => __viewer.map.getAllLayers().find(l => l.get('id') === id).getZIndex()";
        Assert.True(await page.EvaluateAsync<int>(zIndex, "projects") > await page.EvaluateAsync<int>(zIndex, "facilities"));

        await page.ClickAsync("li[data-layer='projects'] button[aria-label^='下移']");
        Assert.True(await page.EvaluateAsync<int>(zIndex, "projects") < await page.EvaluateAsync<int>(zIndex, "facilities"));
        Assert.Equal("facilities", await page.Locator(".layer-tree > li").First.GetAttributeAsync("data-layer"));

        await page.Locator("li[data-layer='zones'] input.opacity").FillAsync("0.4");
        Assert.Equal(0.4, await page.EvaluateAsync<double>("() => __viewer.map.getAllLayers().find(l => l.get('id') === 'zones').getOpacity()"), 3);

        await page.UncheckAsync("#layer-zones");
        Assert.False(await page.EvaluateAsync<bool>("() => __viewer.map.getAllLayers().find(l => l.get('id') === 'zones').getVisible()"));
    }

    [Fact]
    public async Task Picking_a_zone_lists_the_projects_inside_it()
    {
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-query");
        await page.SelectOptionAsync("#query-panel select.query-zone", "2");

        await Expect(page.Locator("#query-panel .query-summary")).ToBeVisibleAsync();
        var listed = await page.EvaluateAsync<long[]>("() => __viewer.queryResultIds()");
        // gis-data README: projects 5 and 10 are drawn inside blocks of the Puli high-tech zone; 20 is in 汉丰街道.
        Assert.Contains(5L, listed);
        Assert.Contains(10L, listed);
        Assert.DoesNotContain(20L, listed);
    }

    [Fact]
    public async Task The_time_slider_shows_only_projects_under_construction_in_the_chosen_year()
    {
        var projects = GisDataFile.Features("projects.geojson").Select(f => f.GetProperty("properties")).ToList();
        var expected = projects.Count(p => p.GetProperty("start_year").GetInt32() <= 2027 && p.GetProperty("end_year").GetInt32() >= 2027);
        var page = await viewer.OpenViewerAsync();

        await page.Locator("#time-slider .year-slider").FillAsync("2027");

        await Expect(page.Locator("#time-slider .year-label")).ToHaveTextAsync($"2027: {expected} 在建项目");
        Assert.Contains("y=2027", page.Url, StringComparison.Ordinal);
        // Project 1 (2024—2025) is no longer drawn; project 6 (2024—2028) still is.
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "projects" });
        Assert.False(await DrawsAsync(page, 1, "#e8590c"));
        Assert.True(await DrawsAsync(page, 6, "#1c7ed6"));
    }

    [Fact]
    public async Task Main_states_fit_1280x800_and_1920x1080_in_both_languages()
    {
        foreach (var (width, height) in new[] { (1280, 800), (1920, 1080) })
        {
            var page = await viewer.OpenViewerAsync(width: width, height: height);
            await page.ClickAsync("#open-charts");
            await Expect(page.Locator("#charts-panel .charts-total")).ToHaveTextAsync("项目数: 35 · 计划总投资: 624,202 万元");
            Assert.Equal(3, await page.Locator("#charts-panel canvas").EvaluateAllAsync<int>("canvases => canvases.filter(c => c.width > 0 && c.height > 0).length"));
            await ViewerFixture.ScreenshotAsync(page, $"07-charts-{width}x{height}");

            await page.ClickAsync("#lang");
            await page.ClickAsync("#open-table");
            await Expect(page.Locator("#table-panel .table-count")).ToHaveTextAsync("35 / 35 rows");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight"), "the page scrolls");
            var toolbar = (await page.Locator("#lang").BoundingBoxAsync())!;
            Assert.True(toolbar.X + toolbar.Width <= width, "the toolbar overflows");
            await ViewerFixture.ScreenshotAsync(page, $"08-english-table-{width}x{height}");
            await page.Context.CloseAsync();
        }
    }

    private static async Task<bool> DrawsAsync(IPage page, long projectId, string colour)
    {
        // Close enough that no cluster stands in for the project.
        await page.ZoomToFeatureAsync("projects", projectId, 14);
        var xy = await page.EvaluateAsync<double[]>("([layer, id]) => __viewer.pixelOf(layer, id, false)", new object[] { "projects", projectId });
        var data = await page.EvaluateAsync<int[]>("([x, y]) => __viewer.pixelsAround(x, y, 1)", new object[] { xy[0], xy[1] });
        var expected = Rgb.Parse(colour).Over(Rgb.MapBackground, 0.85);
        return Enumerable.Range(0, data.Length / 4).Any(i => new Rgb(data[i * 4], data[i * 4 + 1], data[i * 4 + 2]).Near(expected, 12));
    }
}
