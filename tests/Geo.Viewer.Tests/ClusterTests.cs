using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>
/// Dense layers are clustered at district scale (one circle with a count where symbols would overlap): facilities and
/// the city's project circles. A click on a cluster lists its members, and from zoom 13 on every feature is drawn on its own.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ClusterTests(ViewerFixture viewer)
{
    [Fact]
    public async Task Facilities_cluster_at_district_scale_a_click_lists_the_members_and_they_part_at_zoom_13()
    {
        var facilities = GisDataFile.Features("facilities.geojson");
        var page = await viewer.OpenViewerAsync();
        await page.EvaluateAsync("() => __viewer.showOnly(['facilities'])");
        Assert.True(await page.EvaluateAsync<double>("() => __viewer.map.getView().getZoom()") < 13);

        var clusters = await page.ClustersAsync("facilities");
        Assert.Equal(facilities.Select(f => f.GetProperty("id").GetInt64()).Order(), clusters.SelectMany(c => c.Ids).Order());
        var biggest = clusters.MaxBy(c => c.Ids.Length)!;
        Assert.True(biggest.Ids.Length > 1, "nothing is clustered at the first view");

        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (float)biggest.Pixel[0], box.Y + (float)biggest.Pixel[1]);
        await Expect(page.Locator("#popup .identify-list")).ToBeVisibleAsync();
        var listed = await page.Locator("#popup .identify-list ul[data-layer='facilities'] button").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.id)");
        Assert.Equal(biggest.Ids.Order(), listed.Select(id => long.Parse(id, CultureInfo.InvariantCulture)).Order());

        await page.EvaluateAsync("id => __viewer.zoomToFeature('facilities', id, 13)", biggest.Ids[0]);
        var parted = await page.ClustersAsync("facilities");
        var places = facilities.Select(f => f.GetProperty("geometry").GetProperty("coordinates")).Select(c => (c[0].GetDouble(), c[1].GetDouble())).Distinct().Count();
        Assert.Equal(places, parted.Length);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Project_symbols_cluster_with_counts_at_district_scale_follow_the_time_slider_and_part_at_zoom_13()
    {
        const int year = 2027;
        var projects = GisDataFile.Features("projects.geojson");
        var all = projects.Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        var underWay = projects.Where(f => f.GetProperty("properties").GetProperty("start_year").GetInt32() <= year && f.GetProperty("properties").GetProperty("end_year").GetInt32() >= year)
            .Select(f => f.GetProperty("id").GetInt64()).Order().ToList();
        var page = await viewer.OpenViewerAsync();
        await page.EvaluateAsync("() => __viewer.showOnly(['projects'])");

        // Every project in exactly one symbol (a site counts at its interior point), the city's crowd as one count.
        var clusters = await page.ClustersAsync("projects");
        Assert.Equal(all, clusters.SelectMany(c => c.Ids).Order());
        var biggest = clusters.MaxBy(c => c.Ids.Length)!;
        Assert.True(biggest.Ids.Length > 1, "no project symbols are clustered at the first view");
        // The count circle (#364fc7) is drawn there, not the projects' own colours.
        var pixels = await page.EvaluateAsync<int[]>("([x, y]) => __viewer.pixelsAround(x, y, 6)", new object[] { biggest.Pixel[0], biggest.Pixel[1] });
        Assert.Contains(Enumerable.Range(0, pixels.Length / 4).Select(i => new Rgb(pixels[i * 4], pixels[i * 4 + 1], pixels[i * 4 + 2])), p => p.Near(Rgb.Parse("#364fc7"), 12));

        // With the time slider on, the clusters count only the projects under construction that year.
        await page.Locator("#time-slider .year-slider").FillAsync(year.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(underWay, (await page.ClustersAsync("projects")).SelectMany(c => c.Ids).Order());

        // From zoom 13 every project stands alone.
        await page.ZoomToFeatureAsync("projects", biggest.Ids[0], 13);
        var parted = await page.ClustersAsync("projects");
        Assert.All(parted, c => Assert.Single(c.Ids));
        Assert.Equal(underWay, parted.SelectMany(c => c.Ids).Order());
        await page.UncheckAsync("#time-slider input.year-enabled");
        parted = await page.ClustersAsync("projects");
        Assert.All(parted, c => Assert.Single(c.Ids));
        Assert.Equal(all, parted.SelectMany(c => c.Ids).Order());
        await page.Context.CloseAsync();
    }
}
