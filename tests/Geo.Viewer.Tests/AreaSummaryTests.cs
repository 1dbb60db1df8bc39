using System.Globalization;
using System.Net.Http.Json;

namespace Geo.Viewer.Tests;

/// <summary>
/// Query by area through POST /api/analysis/projects-in-area: the viewer's total against the endpoint's for the same
/// geometry and against the OGC API search's own sum of investment_wan, and the printable report.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class AreaSummaryTests(ViewerFixture viewer)
{
    [Fact]
    public async Task A_polygon_drawn_around_the_Puli_zone_shows_the_analysis_total_and_opens_its_report()
    {
        var zone = GisDataFile.Feature("zones.geojson", 2);
        Assert.Equal("浦里高新区", zone.GetProperty("properties").GetProperty("name").GetString());
        var (west, south, east, north) = ViewerPage.WidenedBounds(zone, 0.005);
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-query");
        await page.EvaluateAsync("extent => __viewer.fitLonLat(extent)", new[] { west, south, east, north });
        await page.ClickAsync("#query-panel button[data-shape='Polygon']");
        var northWest = await page.LonLatOnPageAsync(west, north);
        var southEast = await page.LonLatOnPageAsync(east, south);
        await page.Mouse.ClickAsync(northWest.X, northWest.Y);
        await page.Mouse.ClickAsync(southEast.X, northWest.Y);
        await page.Mouse.ClickAsync(southEast.X, southEast.Y);
        await page.Mouse.DblClickAsync(northWest.X, southEast.Y);
        await Expect(page.Locator("#query-panel .summary-total")).ToBeVisibleAsync();

        // The polygon the viewer drew, asked of both endpoints by the test itself.
        var request = await page.EvaluateAsync<JsonElement>("() => __viewer.queryRequest()");
        var polygon = request.GetProperty("geometry");
        var analysis = await PostJsonAsync("/api/analysis/projects-in-area", new { geometry = polygon });
        var analysisTotal = analysis.GetProperty("summary").GetProperty("totalWan").GetDouble();
        Assert.Equal(0, analysis.GetProperty("summary").GetProperty("apportionedCount").GetInt32());
        var search = await PostJsonAsync("/ogcapi/collections/projects/search", new
        {
            filter = new { op = "s_intersects", args = new object[] { new { property = "geometry" }, polygon } },
            limit = 1000,
        });
        var features = search.GetProperty("features").EnumerateArray().ToList();
        var searchTotal = features.Sum(f => f.GetProperty("properties").GetProperty("investment_wan").GetDouble());
        Assert.Equal(searchTotal, analysisTotal);
        Assert.True(searchTotal > 0);

        var expectedTotal = searchTotal.ToString("#,0.##", CultureInfo.InvariantCulture);
        await Expect(page.Locator("#query-panel .summary-total")).ToHaveTextAsync($"{expectedTotal} 万元");
        await Expect(page.Locator("#query-panel .summary-count")).ToHaveTextAsync(features.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#query-panel .query-list button")).ToHaveCountAsync(features.Count);
        // Every breakdown of the summary, lead unit included, is shown.
        await Expect(page.Locator("#query-panel table.breakdown")).ToHaveCountAsync(4);
        await Expect(page.Locator("#query-panel table.breakdown").Nth(3).Locator("caption")).ToHaveTextAsync("按牵头单位");
        await ViewerFixture.ScreenshotAsync(page, "10-projects-in-area-summary");

        var report = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#query-panel button.query-html"));
        await report.WaitForLoadStateAsync(LoadState.Load);
        await Expect(report.Locator("body")).ToContainTextAsync($"计划总投资 {expectedTotal} 万元");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#query-panel button.query-csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("合计", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picking_the_Puli_zone_sends_its_id_and_shows_the_sum_of_the_projects_on_its_outline()
    {
        var zone = GisDataFile.Feature("zones.geojson", 2);
        var search = await PostJsonAsync("/ogcapi/collections/projects/search", new
        {
            filter = new { op = "s_intersects", args = new object[] { new { property = "geometry" }, zone.GetProperty("geometry") } },
            limit = 1000,
        });
        var features = search.GetProperty("features").EnumerateArray().ToList();
        var total = features.Sum(f => f.GetProperty("properties").GetProperty("investment_wan").GetDouble());
        // Only when every project lies wholly inside is the plain sum the answer; the analysis says whether any is cut.
        var analysis = await PostJsonAsync("/api/analysis/projects-in-area", new { zoneId = 2 });
        Assert.Equal(0, analysis.GetProperty("summary").GetProperty("apportionedCount").GetInt32());
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-query");

        await page.SelectOptionAsync("#query-panel select.query-zone", "2");

        await Expect(page.Locator("#query-panel .summary-total")).ToHaveTextAsync($"{total.ToString("#,0.##", CultureInfo.InvariantCulture)} 万元");
        await Expect(page.Locator("#query-panel .summary-count")).ToHaveTextAsync(features.Count.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(2, (await page.EvaluateAsync<JsonElement>("() => __viewer.queryRequest()")).GetProperty("zoneId").GetInt32());
    }

    [Fact]
    public async Task A_box_cutting_through_project_5_shows_its_share_and_the_investment_apportioned_by_area()
    {
        // Project 5's site spans about 108.307–108.323 E, 30.999–31.012 N; the box takes its western part.
        var (west, south, east, north) = (108.300, 30.993, 108.315, 31.018);
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-query");
        await page.EvaluateAsync("extent => __viewer.fitLonLat(extent)", new[] { west - 0.01, south - 0.01, east + 0.01, north + 0.01 });
        await page.ClickAsync("#query-panel button[data-shape='Box']");
        var northWest = await page.LonLatOnPageAsync(west, north);
        var southEast = await page.LonLatOnPageAsync(east, south);
        await page.DragOnMapAsync(northWest, southEast);
        await Expect(page.Locator("#query-panel .summary-total")).ToBeVisibleAsync();

        // The share, from gis-data and the box the viewer sent: area inside over the whole site, both in EPSG:4545.
        var request = await page.EvaluateAsync<JsonElement>("() => __viewer.queryRequest()");
        var box = Geometries.Polygon(request.GetProperty("geometry").GetProperty("coordinates"));
        var project = GisDataFile.Feature("projects.geojson", 5);
        var site = Geometries.Polygon(project.GetProperty("geometry").GetProperty("coordinates"));
        var share = GaussKruger108.AreaOf(site.Intersection(box)).SquareMetres / GaussKruger108.AreaOf(site).SquareMetres;
        Assert.InRange(share, 0.05, 0.95);
        var apportioned = share * project.GetProperty("properties").GetProperty("investment_wan").GetDouble();

        var line = await page.Locator("#query-panel .query-list button[data-id='5']").TextContentAsync();
        var shown = Regex.Match(line!, @"范围内占比 ([\d.]+)%，按面积分摊 ([\d,.]+) 万元");
        Assert.True(shown.Success, line);
        Assert.InRange(Number(shown.Groups[1].Value), share * 100 - 0.051, share * 100 + 0.051);
        Assert.InRange(Number(shown.Groups[2].Value), apportioned - 0.0051, apportioned + 0.0051);
        await Expect(page.Locator("#query-panel .summary-apportioned")).ToBeVisibleAsync();
    }

    private static double Number(string shown) => double.Parse(shown.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var response = await viewer.Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
