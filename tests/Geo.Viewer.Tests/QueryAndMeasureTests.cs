using System.Globalization;
using NetTopologySuite.Geometries;

namespace Geo.Viewer.Tests;

/// <summary>Query by area and measuring, compared with the OGC API's answer and with Geo.Core's EPSG:4545 maths.</summary>
[Collection(ViewerCollection.Name)]
public sealed class QueryAndMeasureTests(ViewerFixture viewer)
{
    [Theory]
    [InlineData("Box")]
    [InlineData("Polygon")]
    public async Task A_rectangle_drawn_around_the_Puli_high_tech_zone_lists_exactly_the_projects_the_OGC_API_returns_for_it(string tool)
    {
        var zone = await GetJsonAsync("/ogcapi/collections/zones/items/2");
        Assert.Equal("浦里高新区", zone.GetProperty("properties").GetProperty("name").GetString());
        var (west, south, east, north) = ViewerPage.WidenedBounds(zone, 0.005);
        var page = await viewer.OpenViewerAsync();
        // The panel narrows the map, so it opens before the view is set.
        await page.ClickAsync("#open-query");
        await page.EvaluateAsync("extent => __viewer.fitLonLat(extent)", new[] { west, south, east, north });
        await page.ClickAsync($"#query-panel button[data-shape='{tool}']");
        var northWest = await page.LonLatOnPageAsync(west, north);
        var southEast = await page.LonLatOnPageAsync(east, south);
        if (tool == "Box")
        {
            // Press at one corner, drag to the opposite one, release.
            await Expect(page.Locator("#draw-hint")).ToHaveTextAsync("按住鼠标拖出矩形，松开结束；按 Esc 取消");
            await page.DragOnMapAsync(northWest, southEast);
        }
        else
        {
            // The same rectangle as a four-vertex polygon, finished with a double click on the last vertex.
            await page.Mouse.ClickAsync(northWest.X, northWest.Y);
            await page.Mouse.ClickAsync(southEast.X, northWest.Y);
            await page.Mouse.ClickAsync(southEast.X, southEast.Y);
            await page.Mouse.DblClickAsync(northWest.X, southEast.Y);
        }

        await Expect(page.Locator("#query-panel .query-summary")).ToBeVisibleAsync();

        var listed = (await page.Locator("#query-panel .query-list button").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.id)"))
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
        // The same rectangle, asked of the OGC API: the drawn area's own corners, not the ones the test aimed at.
        var area = await page.EvaluateAsync<double[]>("() => __viewer.queryAreaExtent()");
        var bbox = string.Join(',', area.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var answer = await GetJsonAsync($"/ogcapi/collections/projects/items?limit=1000&bbox={bbox}");
        var expected = answer.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Order().ToList();

        Assert.Equal(expected, listed);
        Assert.Contains(5L, listed);
        Assert.Contains(10L, listed);
        Assert.DoesNotContain(20L, listed);
        await Expect(page.Locator("#query-panel .query-summary dd").First).ToHaveTextAsync(expected.Count.ToString(CultureInfo.InvariantCulture));
        await ViewerFixture.ScreenshotAsync(page, $"04-query-by-area-{tool.ToLowerInvariant()}");
    }

    [Fact]
    public async Task Picking_a_township_lists_the_point_projects_within_3_km_of_its_seat()
    {
        const long seatId = 500154001;
        var seat = GisDataFile.Feature("townships.geojson", seatId).GetProperty("geometry").GetProperty("coordinates");
        var factory = Cgcs2000.GeometryFactory;
        var seatPoint = factory.CreatePoint(new Coordinate(seat[0].GetDouble(), seat[1].GetDouble()));
        var distances = GisDataFile.Features("projects.geojson")
            .Where(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point")
            .ToDictionary(
                f => f.GetProperty("id").GetInt64(),
                f => GaussKruger108.DistanceMetres(seatPoint, factory.CreatePoint(new Coordinate(
                    f.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), f.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble()))));
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-query");

        await page.SelectOptionAsync("#query-panel select.query-township", seatId.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#query-panel .query-summary")).ToBeVisibleAsync();

        var listed = (await page.EvaluateAsync<long[]>("() => __viewer.queryResultIds()")).Where(distances.ContainsKey).ToHashSet();
        // The circle is a 96-gon drawn in Web Mercator: a few metres of slack either way.
        var near = distances.Where(d => d.Value < 2990).Select(d => d.Key).ToHashSet();
        Assert.Subset(listed, near);
        Assert.All(listed, id => Assert.True(distances[id] < 3010, $"project {id} is {distances[id]:F0} m away"));
        Assert.NotEmpty(listed);
    }

    [Fact]
    public async Task Measured_distance_and_area_match_the_EPSG_4545_computation()
    {
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-measure");
        await page.ZoomToFeatureAsync("townships", 500154001, 12);
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        (float X, float Y) a = (box.X + 200, box.Y + 200), b = (box.X + 600, box.Y + 260), c = (box.X + 420, box.Y + 520);
        var (la, lb, lc) = (await page.LonLatAtPageAsync(a), await page.LonLatAtPageAsync(b), await page.LonLatAtPageAsync(c));

        await page.ClickAsync("#measure-panel button.measure-length");
        await page.Mouse.ClickAsync(a.X, a.Y);
        await page.Mouse.DblClickAsync(b.X, b.Y);
        var factory = Cgcs2000.GeometryFactory;
        var metres = GaussKruger108.DistanceMetres(factory.CreatePoint(new Coordinate(la[0], la[1])), factory.CreatePoint(new Coordinate(lb[0], lb[1])));
        await Expect(page.Locator("#measure-panel .measure-result")).ToContainTextAsync(" km");
        var distance = Regex.Match((await page.Locator("#measure-panel .measure-result").TextContentAsync())!, @"^距离: ([\d,.]+) km$");
        Assert.True(distance.Success);
        // Shown to the metre; proj4 and ProjNET agree far below that, so one display step is the tolerance.
        Assert.InRange(Number(distance.Groups[1].Value) * 1000, metres - 1.001, metres + 1.001);

        await page.ClickAsync("#measure-panel button.measure-area");
        await page.Mouse.ClickAsync(a.X, a.Y);
        await page.Mouse.ClickAsync(b.X, b.Y);
        await page.Mouse.DblClickAsync(c.X, c.Y);
        var triangle = factory.CreatePolygon([new(la[0], la[1]), new(lb[0], lb[1]), new(lc[0], lc[1]), new(la[0], la[1])]);
        var area = GaussKruger108.AreaOf(triangle);
        await Expect(page.Locator("#measure-panel .measure-result")).ToContainTextAsync("亩");
        var shown = Regex.Match((await page.Locator("#measure-panel .measure-result").TextContentAsync())!, @"^面积: ([\d,]+) m² · ([\d,.]+) 公顷 · ([\d,.]+) 亩$");
        Assert.True(shown.Success);
        Assert.InRange(Number(shown.Groups[1].Value), area.SquareMetres - 1, area.SquareMetres + 1);
        Assert.InRange(Number(shown.Groups[2].Value), area.Hectares - 0.011, area.Hectares + 0.011);
        Assert.InRange(Number(shown.Groups[3].Value), area.Mu - 0.011, area.Mu + 0.011);
        await ViewerFixture.ScreenshotAsync(page, "05-measure-area");
    }

    private static double Number(string shown) => double.Parse(shown.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var document = JsonDocument.Parse(await viewer.Http.GetStringAsync(new Uri(path, UriKind.Relative)));
        return document.RootElement.Clone();
    }
}
