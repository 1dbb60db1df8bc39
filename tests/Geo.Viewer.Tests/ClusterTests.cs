using Geo.Testing;
using System.Globalization;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Geo.Viewer.Tests;

/// <summary>
/// The dense facilities layer is clustered at district scale (one circle with a count where symbols would overlap),
/// a click on a cluster lists its facilities, and from zoom 13 on every facility is drawn on its own.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ClusterTests(ViewerFixture viewer)
{
    private const string Clusters = "() => __viewer.map.getAllLayers().find(l => l.get('id') === 'facilities').getSource().getFeatures()"
        + ".map(c => ({ ids: c.get('features').map(f => f.getId()), pixel: __viewer.map.getPixelFromCoordinate(c.getGeometry().getCoordinates()) }))";

    private sealed record Cluster(long[] Ids, double[] Pixel);

    private static async Task<Cluster[]> ClustersAsync(Microsoft.Playwright.IPage page) =>
        (await page.EvaluateAsync<JsonElement>(Clusters)).EnumerateArray()
            .Select(c => new Cluster(
                c.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).ToArray(),
                c.GetProperty("pixel").EnumerateArray().Select(v => v.GetDouble()).ToArray()))
            .ToArray();

    [Fact]
    public async Task Facilities_cluster_at_district_scale_a_click_lists_the_members_and_they_part_at_zoom_13()
    {
        var facilities = GisDataFile.Features("facilities.geojson");
        var page = await viewer.OpenViewerAsync();
        await page.EvaluateAsync("() => __viewer.showOnly(['facilities'])");
        Assert.True(await page.EvaluateAsync<double>("() => __viewer.map.getView().getZoom()") < 13);

        var clusters = await ClustersAsync(page);
        Assert.Equal(facilities.Select(f => f.GetProperty("id").GetInt64()).Order(), clusters.SelectMany(c => c.Ids).Order());
        var biggest = clusters.MaxBy(c => c.Ids.Length)!;
        Assert.True(biggest.Ids.Length > 1, "nothing is clustered at the first view");

        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (float)biggest.Pixel[0], box.Y + (float)biggest.Pixel[1]);
        await Expect(page.Locator("#popup .identify-list")).ToBeVisibleAsync();
        var listed = await page.Locator("#popup .identify-list ul[data-layer='facilities'] button").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.id)");
        Assert.Equal(biggest.Ids.Order(), listed.Select(id => long.Parse(id, CultureInfo.InvariantCulture)).Order());

        await page.EvaluateAsync("id => __viewer.zoomToFeature('facilities', id, 13)", biggest.Ids[0]);
        var parted = await ClustersAsync(page);
        var places = facilities.Select(f => f.GetProperty("geometry").GetProperty("coordinates")).Select(c => (c[0].GetDouble(), c[1].GetDouble())).Distinct().Count();
        Assert.Equal(places, parted.Length);
        await page.Context.CloseAsync();
    }
}
