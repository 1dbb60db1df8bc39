using System.Globalization;
using NetTopologySuite.Geometries;

namespace Geo.Viewer.Tests;

/// <summary>Results drive the map: a picked area and what it holds are drawn, highlighted and framed.</summary>
[Collection(ViewerCollection.Name)]
public sealed class ResultsOnMapTests(ViewerFixture viewer)
{
    [Fact]
    public async Task Picking_the_Puli_zone_frames_it_and_highlights_its_projects()
    {
        var zone = GisDataFile.Feature("zones.geojson", 2);
        Assert.Equal("浦里高新区", zone.GetProperty("properties").GetProperty("name").GetString());
        var area = Geometries.MultiPolygon(zone.GetProperty("geometry").GetProperty("coordinates"));
        // The projects whose point or land touches the zone, by NTS from gis-data.
        var expected = GisDataFile.Features("projects.geojson")
            .Where(f => Project(f.GetProperty("geometry")).Intersects(area)).Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        Assert.NotEmpty(expected);

        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-query");
        await page.SelectOptionAsync("#query-panel select.query-zone", "2");
        await Expect(page.Locator("#query-panel .query-summary")).ToBeVisibleAsync();

        var drawn = await OverlayAsync(page, "query");
        var highlighted = drawn.Where(f => Role(f) == "project").Select(f => f.GetProperty("properties").GetProperty("project").GetInt64()).Order().ToList();
        Assert.Equal(expected, highlighted);
        Assert.Single(drawn, f => Role(f) == "area");

        // The zone and every highlighted project are in view, and the zone fills a good part of it.
        var view = await page.EvaluateAsync<double[]>("() => __viewer.viewLonLat()");
        var zoneBox = area.EnvelopeInternal;
        AssertFramed(view, zoneBox);
        foreach (var id in expected)
        {
            var project = Project(GisDataFile.Feature("projects.geojson", id).GetProperty("geometry")).EnvelopeInternal;
            Assert.True(Inside(view, project), $"project {id} is highlighted out of view");
        }

        await ViewerFixture.ScreenshotAsync(page, "13-query-zone-2-framed");
    }

    [Fact]
    public async Task Compliance_conflicts_are_framed_with_the_result_beside_them_and_clear_of_the_time_slider()
    {
        // Project 5's land overlaps permanent farmland (ComplianceTests measures the area with PostGIS).
        var site = Project(GisDataFile.Feature("projects.geojson", 5).GetProperty("geometry"));
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-table");
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "projects" });
        await page.ZoomToFeatureAsync("projects", 5, 13);
        var (x, y) = await page.FeatureOnPageAsync("projects", 5);
        await page.Mouse.ClickAsync(x, y);
        await page.ClickAsync("#popup button.compliance-run");
        await Expect(page.Locator("#popup .compliance-verdict")).ToHaveTextAsync("存在冲突");
        await page.WaitForFunctionAsync("() => __viewer.overlayFeatures('compliance')?.features.length > 0");
        await page.WaitForTimeoutAsync(300);

        // The conflicts drawn lie on the project's land, and all of them are in view, framed.
        var conflicts = (await OverlayAsync(page, "compliance")).Select(f => f.GetProperty("geometry")).ToList();
        var corners = conflicts.SelectMany(Coordinates).ToList();
        var box = new Envelope(corners.Min(c => c.X), corners.Max(c => c.X), corners.Min(c => c.Y), corners.Max(c => c.Y));
        Assert.True(site.EnvelopeInternal.Intersects(box));
        AssertFramed(await page.EvaluateAsync<double[]>("() => __viewer.viewLonLat()"), box);

        // On screen: the result (popup) beside the conflicts, not over them, and neither under the time slider.
        var northWest = await page.LonLatOnPageAsync(box.MinX, box.MaxY);
        var southEast = await page.LonLatOnPageAsync(box.MaxX, box.MinY);
        var onScreen = new Envelope(northWest.X, southEast.X, northWest.Y, southEast.Y);
        var popup = await BoxAsync(page, "#popup");
        var slider = await BoxAsync(page, "#time-slider");
        Assert.False(popup.Intersects(onScreen), $"the result {popup} covers the conflicts {onScreen}");
        Assert.False(slider.Intersects(onScreen), $"the time slider {slider} covers the conflicts {onScreen}");
        Assert.False(slider.Intersects(popup), $"the time slider {slider} covers the result {popup}");
        Assert.True((await BoxAsync(page, "#map")).Contains(popup), "the result is not wholly on the map");
        await ViewerFixture.ScreenshotAsync(page, "14-compliance-framed-beside");
    }

    [Fact]
    public async Task The_time_slider_filters_the_table_and_lists_the_projects_under_construction()
    {
        const int year = 2027;
        var projects = GisDataFile.Features("projects.geojson");
        var expected = projects.Where(f => f.GetProperty("properties").GetProperty("start_year").GetInt32() <= year && f.GetProperty("properties").GetProperty("end_year").GetInt32() >= year)
            .Select(f => f.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(expected.Count, 1, projects.Count - 1);
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-table");
        await Expect(page.Locator("#table-panel .table-count")).ToHaveTextAsync($"{projects.Count} / {projects.Count} 行");

        await page.Locator("#time-slider .year-slider").FillAsync(year.ToString(CultureInfo.InvariantCulture));

        await Expect(page.Locator("#table-panel .table-count")).ToHaveTextAsync($"{expected.Count} / {projects.Count} 行 · {year} 在建项目");
        var rows = await page.Locator("#table-panel tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(expected.Order(), rows.Order());
        await page.ClickAsync("#time-slider details.year-projects summary");
        var listed = page.Locator("#time-slider .year-project-list button");
        Assert.Equal(expected, await listed.EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.id)"));
        await ViewerFixture.ScreenshotAsync(page, "15-time-slider-list");

        // Picking one opens it.
        await page.Locator($"#time-slider .year-project-list button[data-id='{expected[0]}']").ClickAsync();
        await Expect(page.Locator("#popup h3")).ToContainTextAsync(projects.Single(f => f.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture) == expected[0]).GetProperty("properties").GetProperty("name").GetString()!);

        // Switched off, the table shows every project again.
        await page.UncheckAsync("#time-slider input.year-enabled");
        await Expect(page.Locator("#table-panel .table-count")).ToHaveTextAsync($"{projects.Count} / {projects.Count} 行");
        await Expect(page.Locator("#time-slider details.year-projects")).ToBeHiddenAsync();
    }

    private static IEnumerable<Coordinate> Coordinates(JsonElement geometry) => geometry.ValueKind switch
    {
        JsonValueKind.Array when geometry.GetArrayLength() > 0 && geometry[0].ValueKind == JsonValueKind.Number => [new Coordinate(geometry[0].GetDouble(), geometry[1].GetDouble())],
        JsonValueKind.Array => geometry.EnumerateArray().SelectMany(Coordinates),
        JsonValueKind.Object => Coordinates(geometry.GetProperty("coordinates")),
        // A GeoJSON geometry is an object of nested arrays of numbers; nothing else reaches here.
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined =>
            throw new System.Diagnostics.UnreachableException($"JsonValueKind {geometry.ValueKind} is not a GeoJSON geometry part"),
        _ => throw new System.Diagnostics.UnreachableException($"JsonValueKind {geometry.ValueKind} is not handled here"),
    };

    private static async Task<Envelope> BoxAsync(IPage page, string selector)
    {
        var box = (await page.Locator(selector).BoundingBoxAsync())!;
        return new Envelope(box.X, box.X + box.Width, box.Y, box.Y + box.Height);
    }

    internal static Geometry Project(JsonElement geometry) => geometry.GetProperty("type").GetString() switch
    {
        "Point" => Geometries.Point(geometry.GetProperty("coordinates")),
        "Polygon" => Geometries.Polygon(geometry.GetProperty("coordinates")),
        var other => throw new InvalidOperationException($"projects.geojson has a {other}"),
    };

    internal static async Task<List<JsonElement>> OverlayAsync(IPage page, string name)
    {
        var json = await page.EvaluateAsync<string>("name => JSON.stringify(__viewer.overlayFeatures(name))", name);
        return JsonDocument.Parse(json).RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    internal static string Role(JsonElement feature) => feature.GetProperty("properties").GetProperty("role").GetString()!;

    internal static bool Inside(double[] view, Envelope box) =>
        view[0] <= box.MinX && view[2] >= box.MaxX && view[1] <= box.MinY && view[3] >= box.MaxY;

    /// <summary>Wholly in view and not lost in it: at least a third of the view's width or height.</summary>
    internal static void AssertFramed(double[] view, Envelope box)
    {
        Assert.True(Inside(view, box), string.Create(CultureInfo.InvariantCulture, $"{box} is not wholly inside the view {string.Join(',', view)}"));
        Assert.True(box.Width / (view[2] - view[0]) > 0.33 || box.Height / (view[3] - view[1]) > 0.33, "the view is not framed on the result");
    }
}
