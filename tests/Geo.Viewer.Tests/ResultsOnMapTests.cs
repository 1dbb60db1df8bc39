using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using NetTopologySuite.Geometries;
using static Microsoft.Playwright.Assertions;

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
