namespace Geo.Viewer.Tests;

/// <summary>Map-aware steps the tests share: where a feature or a lon/lat is on screen, and zooming there.</summary>
internal static class ViewerPage
{
    public static Task ZoomToFeatureAsync(this IPage page, string layer, long id, double zoom) =>
        page.EvaluateAsync("([layer, id, zoom]) => __viewer.zoomToFeature(layer, id, zoom)", new object[] { layer, id, zoom });

    /// <summary>Page coordinates (for the mouse) of a feature's probe point.</summary>
    public static async Task<(float X, float Y)> FeatureOnPageAsync(this IPage page, string layer, long id)
    {
        var xy = await page.EvaluateAsync<double[]>("([layer, id]) => __viewer.pixelOf(layer, id, false)", new object[] { layer, id });
        return await MapToPageAsync(page, xy);
    }

    /// <summary>A GeoJSON (multi)polygon feature's lon/lat bounds widened by <paramref name="margin"/> degrees on every side.</summary>
    public static (double West, double South, double East, double North) WidenedBounds(JsonElement feature, double margin)
    {
        var lonLats = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray()
            .SelectMany(polygon => polygon.EnumerateArray()).SelectMany(ring => ring.EnumerateArray())
            .Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        return (lonLats.Min(p => p.Lon) - margin, lonLats.Min(p => p.Lat) - margin, lonLats.Max(p => p.Lon) + margin, lonLats.Max(p => p.Lat) + margin);
    }

    public static async Task<(float X, float Y)> LonLatOnPageAsync(this IPage page, double lon, double lat)
    {
        var xy = await page.EvaluateAsync<double[]>("([lon, lat]) => __viewer.pixelOfLonLat(lon, lat)", new object[] { lon, lat });
        return await MapToPageAsync(page, xy);
    }

    /// <summary>The lon/lat the map puts under a page position (what a click there lands on).</summary>
    public static async Task<double[]> LonLatAtPageAsync(this IPage page, (float X, float Y) point)
    {
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        return await page.EvaluateAsync<double[]>("([x, y]) => __viewer.lonLatOfPixel(x, y)", new object[] { (double)(point.X - box.X), (double)(point.Y - box.Y) });
    }

    /// <summary>Press at one page position, drag to another in small steps, release: how rectangles and circles are drawn.</summary>
    public static async Task DragOnMapAsync(this IPage page, (float X, float Y) from, (float X, float Y) to)
    {
        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    /// <summary>What a clustered layer draws now: each symbol's member ids and its CSS-pixel position on the map.</summary>
    public static async Task<MapCluster[]> ClustersAsync(this IPage page, string layer) =>
        (await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "layer => __viewer.map.getAllLayers().find(l => l.get('id') === layer).getSource().getFeatures()"
            + ".map(c => ({ ids: c.get('features').map(f => f.getId()), pixel: __viewer.map.getPixelFromCoordinate(c.getGeometry().getCoordinates()) }))",
            layer)).EnumerateArray()
            .Select(c => new MapCluster(
                c.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).ToArray(),
                c.GetProperty("pixel").EnumerateArray().Select(v => v.GetDouble()).ToArray()))
            .ToArray();

    private static async Task<(float X, float Y)> MapToPageAsync(IPage page, double[] xy)
    {
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        return ((float)(box.X + Math.Round(xy[0])), (float)(box.Y + Math.Round(xy[1])));
    }
}

/// <summary>One symbol of a clustered layer: the features it stands for and where it is drawn (map CSS pixels).</summary>
internal sealed record MapCluster(long[] Ids, double[] Pixel);
