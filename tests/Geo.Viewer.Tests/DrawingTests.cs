namespace Geo.Viewer.Tests;

/// <summary>Rectangles and circles by press–drag–release, a hint while drawing, Esc to cancel.</summary>
[Collection(ViewerCollection.Name)]
public sealed class DrawingTests(ViewerFixture viewer)
{
    private const long Seat = 500154001;

    [Fact]
    public async Task A_circle_dragged_from_a_township_seat_queries_the_circle_with_that_centre_and_radius()
    {
        var page = await OpenQueryAtSeatAsync();
        await page.ClickAsync("#query-panel button[data-shape='Circle']");
        await Expect(page.Locator("#draw-hint")).ToHaveTextAsync("在圆心按住鼠标拖出半径，松开结束；按 Esc 取消");
        var centre = await page.FeatureOnPageAsync("townships", Seat);
        (float X, float Y) edge = (centre.X + 150, centre.Y);
        var (centreLonLat, edgeLonLat) = (await page.LonLatAtPageAsync(centre), await page.LonLatAtPageAsync(edge));

        await page.DragOnMapAsync(centre, edge);

        await Expect(page.Locator("#query-panel .query-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#draw-hint")).ToBeHiddenAsync();
        // The queried polygon's extent: centred where the drag began, reaching east to where it ended.
        var area = await page.EvaluateAsync<double[]>("() => __viewer.queryAreaExtent()");
        var pixelDegrees = (edgeLonLat[0] - centreLonLat[0]) / 150;
        Assert.InRange((area[0] + area[2]) / 2, centreLonLat[0] - pixelDegrees, centreLonLat[0] + pixelDegrees);
        Assert.InRange((area[1] + area[3]) / 2, centreLonLat[1] - pixelDegrees, centreLonLat[1] + pixelDegrees);
        Assert.InRange(area[2], edgeLonLat[0] - pixelDegrees, edgeLonLat[0] + pixelDegrees);
    }

    [Fact]
    public async Task A_click_without_a_drag_draws_nothing_and_keeps_the_hint()
    {
        var page = await OpenQueryAtSeatAsync();
        await page.ClickAsync("#query-panel button[data-shape='Box']");
        var (x, y) = await page.FeatureOnPageAsync("townships", Seat);

        await page.Mouse.ClickAsync(x, y);
        await page.WaitForTimeoutAsync(300);

        Assert.Null(await page.EvaluateAsync<object?>("() => __viewer.queryRequest()"));
        await Expect(page.Locator("#draw-hint")).ToBeVisibleAsync();
        // The tool is still on: a drag now draws the rectangle.
        await page.DragOnMapAsync((x - 80, y - 60), (x + 80, y + 60));
        await Expect(page.Locator("#query-panel .query-summary")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Esc_while_dragging_cancels_the_drawing_and_the_map_pans_again()
    {
        var page = await OpenQueryAtSeatAsync();
        await page.ClickAsync("#query-panel button[data-shape='Box']");
        var (x, y) = await page.FeatureOnPageAsync("townships", Seat);
        await page.Mouse.MoveAsync(x - 80, y - 60);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 80, y + 60, new() { Steps = 8 });

        await page.Keyboard.PressAsync("Escape");
        await page.Mouse.UpAsync();

        await Expect(page.Locator("#draw-hint")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<object?>("() => __viewer.queryRequest()"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => __viewer.map.getInteractions().getArray().filter(i => typeof i.abortDrawing === 'function').length"));
        var before = await page.EvaluateAsync<double[]>("() => __viewer.map.getView().getCenter()");
        await page.DragOnMapAsync((x - 80, y - 60), (x + 80, y + 60));
        var after = await page.EvaluateAsync<double[]>("() => __viewer.map.getView().getCenter()");
        Assert.True(after[0] < before[0] - 1 && after[1] > before[1] + 1, "the drag after Esc did not pan the map");
    }

    private async Task<IPage> OpenQueryAtSeatAsync()
    {
        var page = await viewer.OpenViewerAsync();
        // The panel narrows the map, so it opens before the view is set.
        await page.ClickAsync("#open-query");
        await page.ZoomToFeatureAsync("townships", Seat, 12);
        return page;
    }
}
