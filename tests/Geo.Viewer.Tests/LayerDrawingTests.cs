namespace Geo.Viewer.Tests;

/// <summary>Every layer draws: with the layer shown alone, the pixels where a feature is carry that layer's colour.</summary>
[Collection(ViewerCollection.Name)]
public sealed class LayerDrawingTests(ViewerFixture viewer)
{
    /// <summary>A feature, the zoom to look at it, the colour its style must put there, and how far around to look.</summary>
    private sealed record Probe(string Layer, long Id, double Zoom, Rgb Colour, int Radius = 3, bool OnOutline = false);

    private static readonly Rgb Background = Rgb.MapBackground;

    private static IEnumerable<Probe> Probes()
    {
        yield return new("district", 500154, 9, Rgb.Parse("#fbfaf5"));
        // The Puli blocks are about 1 km across: at zoom 12 the probe lands in a block's fill, clear of its outline.
        yield return new("zones", 2, 12, Rgb.Parse("#b197fc").Over(Background, 0.35));
        yield return new("zones", 11, 10, Rgb.Parse("#ff8787").Over(Background, 0.55), 1);
        yield return new("parcels", GisDataFile.FirstId("parcels.geojson", "land_use_code", "0601"), 14, Rgb.Parse("#b07ad0"));
        yield return new("parcels", GisDataFile.FirstId("parcels.geojson", "land_use_code", "0101"), 14, Rgb.Parse("#c8e36c"));
        yield return new("constraints", 2, 11, Rgb.Parse("#d9a400"), 6);
        yield return new("constraints", 9, 11, Rgb.Parse("#e03131"), 6);
        yield return new("constraints", 1, 11, Rgb.Parse("#7048e8"), 2, OnOutline: true);
        yield return new("constraints", 11, 12, Rgb.Parse("#8c4a1c"), 6);
        yield return new("townships", 500154001, 11, Rgb.Parse("#495057"), 1);
        yield return new("relocation_flows", 1, 11, Rgb.Parse("#0c8599"), 1);
        yield return new("facilities", GisDataFile.FirstId("facilities.geojson", "kind", "school"), 14, Rgb.Parse("#1864ab"), 1);
        yield return new("facilities", GisDataFile.FirstId("facilities.geojson", "kind", "hospital"), 14, Rgb.Parse("#e03131"), 1);
        yield return new("facilities", GisDataFile.FirstId("facilities.geojson", "kind", "railway_station"), 14, Rgb.Parse("#212529"), 1);
        // Below zoom 13 the city's projects are drawn as clusters with counts (ClusterTests); from there each in its colour.
        yield return new("projects", 1, 14, Rgb.Parse("#e8590c").Over(Background, 0.85));
        yield return new("projects", 13, 14, Rgb.Parse("#2f9e44").Over(Background, 0.85));
        // A site's name is written over its middle from zoom 12: its outline carries the colour at full strength.
        yield return new("projects", 4, 14, Rgb.Parse("#e8590c"), 2, OnOutline: true);
    }

    [Fact]
    public async Task Every_layer_draws_its_colours_where_its_features_are()
    {
        var page = await viewer.OpenViewerAsync();
        await ViewerFixture.ScreenshotAsync(page, "01-default-1280x800");

        var failures = new List<string>();
        foreach (var probe in Probes())
        {
            await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { probe.Layer });
            await page.EvaluateAsync("([layer, id, zoom]) => __viewer.zoomToFeature(layer, id, zoom)", new object[] { probe.Layer, probe.Id, probe.Zoom });
            var pixels = await PixelsAroundAsync(page, probe);
            if (!pixels.Any(p => p.Near(probe.Colour, 12)))
            {
                failures.Add($"{probe.Layer} {probe.Id}: expected {probe.Colour} near the feature, saw {string.Join(' ', pixels.Distinct().Take(8))}");
            }

            // A pixel far from every feature must not carry the colour, or the check above proves nothing.
            await page.EvaluateAsync("ids => __viewer.showOnly(ids)", Array.Empty<string>());
            if ((await PixelsAroundAsync(page, probe)).Any(p => p.Near(probe.Colour, 12)))
            {
                failures.Add($"{probe.Layer} {probe.Id}: {probe.Colour} is there with the layer hidden");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<List<Rgb>> PixelsAroundAsync(IPage page, Probe probe)
    {
        var xy = await page.EvaluateAsync<double[]>("([layer, id, outline]) => __viewer.pixelOf(layer, id, outline)", new object[] { probe.Layer, probe.Id, probe.OnOutline });
        var data = await page.EvaluateAsync<int[]>("([x, y, r]) => __viewer.pixelsAround(x, y, r)", new object[] { xy[0], xy[1], probe.Radius });
        return Enumerable.Range(0, data.Length / 4).Select(i => new Rgb(data[i * 4], data[i * 4 + 1], data[i * 4 + 2])).ToList();
    }
}
