namespace Geo.Viewer.Tests;

/// <summary>
/// The map answers the mouse under the cursor at once, as every GIS does: no click on the map first, and not only
/// until the next toolbar click. The keyboard pans and zooms while the map has focus.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class MapInteractionTests(ViewerFixture viewer)
{
    [Fact]
    public async Task The_mouse_wheel_zooms_under_the_cursor_right_after_load()
    {
        var page = await viewer.OpenViewerAsync();
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        (float X, float Y) cursor = (box.X + box.Width * 0.3f, box.Y + box.Height * 0.4f);
        var before = await ResolutionAsync(page);
        var underCursor = await page.LonLatAtPageAsync(cursor);

        await page.Mouse.MoveAsync(cursor.X, cursor.Y);
        await page.Mouse.WheelAsync(0, -300);
        await SettledAsync(page);

        var after = await ResolutionAsync(page);
        Assert.True(after < before * 0.75, $"resolution {before:F2} → {after:F2} m/px: the wheel did not zoom in");
        // Zoomed about the cursor: the place under it stays under it (to a pixel at the new scale).
        AssertSamePlace(underCursor, await page.LonLatAtPageAsync(cursor), after);
        Assert.Contains("z=", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#open-query")]
    [InlineData("#open-table")]
    public async Task A_drag_right_after_a_toolbar_click_pans_the_map(string toolbarButton)
    {
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync(toolbarButton);
        await SettledAsync(page);
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        (float X, float Y) from = (box.X + box.Width * 0.4f, box.Y + box.Height * 0.4f), to = (from.X + 140, from.Y + 90);
        // OpenLayers starts a drag on the first move past its tolerance and pans from there on: what is under the
        // pointer at that moment follows it to the end.
        (float X, float Y) started = (from.X + 3, from.Y + 2);
        var grabbed = await page.LonLatAtPageAsync(started);

        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(started.X, started.Y);
        await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 12 });
        // A pause before release, so no kinetic glide moves the map on after the drag.
        await page.WaitForTimeoutAsync(250);
        await page.Mouse.UpAsync();
        await SettledAsync(page);

        // The place grabbed moved with the pointer.
        AssertSamePlace(grabbed, await page.LonLatAtPageAsync(to), await ResolutionAsync(page));
    }

    [Fact]
    public async Task With_the_map_focused_the_keyboard_zooms_and_pans()
    {
        var page = await viewer.OpenViewerAsync();
        await page.FocusAsync("#map");
        var resolution = await ResolutionAsync(page);
        var centre = await page.EvaluateAsync<double[]>("() => __viewer.map.getView().getCenter()");

        await page.Keyboard.PressAsync("+");
        await SettledAsync(page);
        Assert.InRange(await ResolutionAsync(page), resolution * 0.45, resolution * 0.55);

        await page.Keyboard.PressAsync("ArrowRight");
        await SettledAsync(page);
        var moved = await page.EvaluateAsync<double[]>("() => __viewer.map.getView().getCenter()");
        Assert.True(moved[0] > centre[0] + 1, "ArrowRight did not move the view east");
        Assert.Equal(centre[1], moved[1], 3);
    }

    private static Task<double> ResolutionAsync(IPage page) => page.EvaluateAsync<double>("() => __viewer.map.getView().getResolution()");

    /// <summary>Waits until no animation or interaction is running and the map has drawn the result.</summary>
    private static async Task SettledAsync(IPage page)
    {
        // The wheel zooms after a short debounce; give it that time before asking whether anything is still moving.
        await page.WaitForTimeoutAsync(150);
        await page.WaitForFunctionAsync("() => !__viewer.map.getView().getAnimating() && !__viewer.map.getView().getInteracting()");
        await page.EvaluateAsync("() => new Promise(resolve => { __viewer.map.once('rendercomplete', () => resolve()); __viewer.map.render(); })");
    }

    /// <summary>Two lon/lats are the same place to within 1.5 pixels at the given resolution (Web Mercator m/px).</summary>
    private static void AssertSamePlace(double[] expected, double[] actual, double metresPerPixel)
    {
        // A Web Mercator metre is at most 1/111,320 of a degree of longitude or latitude; 1/90,000 leaves slack.
        var tolerance = 1.5 * metresPerPixel / 90_000;
        Assert.True(
            Math.Abs(expected[0] - actual[0]) < tolerance && Math.Abs(expected[1] - actual[1]) < tolerance,
            $"expected {expected[0]:F6},{expected[1]:F6} but the map shows {actual[0]:F6},{actual[1]:F6} there (tolerance {tolerance:F6}°)");
    }
}
