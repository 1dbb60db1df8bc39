using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>
/// A layer over the tile threshold draws from the OGC API vector tiles instead of loading its items: here the
/// threshold is set below the sample's 94 parcels. Positions and classes come from gis-data, not from the viewer.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class TiledParcelsTests(ViewerFixture viewer) : IAsyncLifetime
{
    private readonly GisDataServiceFactory _service = new(settings: new Dictionary<string, string> { ["Viewer:TileThreshold"] = "50" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Parcels_draw_their_land_use_colours_from_tiles_and_identify_reads_the_item()
    {
        var requests = new List<string>();
        var context = await viewer.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.Request += (_, request) => requests.Add(new Uri(request.Url).PathAndQuery);
        await page.GotoAsync(new Uri(_service.ListeningAddress, "/?testHooks").ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });

        var parcels = GisDataFile.Read("parcels.geojson");
        var failures = new List<string>();
        foreach (var (code, colour) in new[] { ("0601", Rgb.Parse("#b07ad0")), ("0101", Rgb.Parse("#c8e36c")) })
        {
            var parcel = parcels.First(p => p.Text("land_use_code") == code);
            var inside = parcel.Geometry.InteriorPoint;
            var box = parcel.Geometry.EnvelopeInternal;
            await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "parcels" });
            await page.EvaluateAsync("extent => __viewer.fitLonLat(extent)", new[] { box.MinX, box.MinY, box.MaxX, box.MaxY });
            var xy = await page.EvaluateAsync<double[]>("([lon, lat]) => __viewer.pixelOfLonLat(lon, lat)", new[] { inside.X, inside.Y });
            if (!(await PixelsAsync(page, xy)).Any(p => p.Near(colour, 12)))
            {
                failures.Add($"parcel {parcel.Id} ({code}): no {colour} at its interior point");
            }

            await page.EvaluateAsync("ids => __viewer.showOnly(ids)", Array.Empty<string>());
            if ((await PixelsAsync(page, xy)).Any(p => p.Near(colour, 12)))
            {
                failures.Add($"parcel {parcel.Id} ({code}): {colour} is there with the layer hidden");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Contains(requests, r => r.StartsWith("/ogcapi/collections/parcels/tiles/WebMercatorQuad/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.StartsWith("/ogcapi/collections/parcels/items?", StringComparison.Ordinal));

        // The tile holds the class code only; the popup's 地类名称 and area come from items/{id}.
        var clicked = parcels.First(p => p.Text("land_use_code") == "0101");
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "parcels" });
        var at = await page.EvaluateAsync<double[]>("([lon, lat]) => __viewer.pixelOfLonLat(lon, lat)", new[] { clicked.Geometry.InteriorPoint.X, clicked.Geometry.InteriorPoint.Y });
        var map = await page.Locator("#map").BoundingBoxAsync();
        await page.Mouse.ClickAsync((float)(map!.X + at[0]), (float)(map.Y + at[1]));
        await Expect(page.Locator("#popup tr[data-field='land_use'] td")).ToHaveTextAsync(clicked.Text("land_use"));
        Assert.Contains(requests, r => r == $"/ogcapi/collections/parcels/items/{clicked.Id}");
        await ViewerFixture.ScreenshotAsync(page, "tiled-parcels-identify");
        await context.CloseAsync();
    }

    /// <summary>
    /// Over Tiles:GeneraliseAboveFeatures the zoom-13 view draws from tileMatrix 12, whose tiles hold each class merged
    /// into one shape with no id: a click there asks the server for the parcel under it and shows that parcel.
    /// </summary>
    [Fact]
    public async Task Identify_where_parcels_come_merged_shows_the_parcel_under_the_click()
    {
        await using var service = new GisDataServiceFactory(settings: new Dictionary<string, string>
        {
            ["Viewer:TileThreshold"] = "50",
            ["Tiles:GeneraliseAboveFeatures"] = "10",
        });
        var requests = new List<string>();
        var context = await viewer.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.Request += (_, request) => requests.Add(new Uri(request.Url).PathAndQuery);
        var clicked = GisDataFile.Read("parcels.geojson").Where(p => p.Text("land_use_code") == "0101").MaxBy(p => p.Geometry.Area)!;
        var inside = clicked.Geometry.InteriorPoint;
        var centre = string.Create(CultureInfo.InvariantCulture, $"{inside.X},{inside.Y}");
        await page.GotoAsync(new Uri(service.ListeningAddress, $"/?testHooks#c={centre}&z=13&l=parcels").ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });

        var at = await page.EvaluateAsync<double[]>("([lon, lat]) => __viewer.pixelOfLonLat(lon, lat)", new[] { inside.X, inside.Y });
        var map = await page.Locator("#map").BoundingBoxAsync();
        await page.Mouse.ClickAsync((float)(map!.X + at[0]), (float)(map.Y + at[1]));

        await Expect(page.Locator("#popup tr[data-field='land_use'] td")).ToHaveTextAsync(clicked.Text("land_use"));
        await Expect(page.Locator("#popup h3")).ToContainTextAsync($"· {clicked.Id}");
        Assert.Contains(requests, r => r.StartsWith("/ogcapi/collections/parcels/tiles/WebMercatorQuad/12/", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.StartsWith("/ogcapi/collections/parcels/items?bbox=", StringComparison.Ordinal));
        await context.CloseAsync();
    }

    /// <summary>
    /// Opened at a permalink with the tiled parcels on, index.html asks for the view's tiles before the bundle has run
    /// (src/layers/firstTiles.ts): each is asked for once, they are the tiles the map asks for when the layer is turned
    /// on in the same view without that head start, and the map draws the parcels from them.
    /// </summary>
    [Fact]
    public async Task The_first_views_tiles_are_asked_for_once_and_are_the_ones_the_map_draws()
    {
        var parcel = GisDataFile.Read("parcels.geojson").First(p => p.Text("land_use_code") == "0601");
        var inside = parcel.Geometry.InteriorPoint;
        var centre = string.Create(CultureInfo.InvariantCulture, $"{inside.X},{inside.Y}");

        var (early, earlyPage) = await TileRequestsAsync($"#c={centre}&z=15&l=district,parcels", showParcels: false);
        var xy = await earlyPage.EvaluateAsync<double[]>("([lon, lat]) => __viewer.pixelOfLonLat(lon, lat)", new[] { inside.X, inside.Y });
        Assert.Contains(await PixelsAsync(earlyPage, xy), p => p.Near(Rgb.Parse("#b07ad0"), 12));
        // Drawn from the tiles index.html asked for (firstTiles.js): the parcel's id came through them, so identify
        // reads its item (the tile holds the class code only; 地类名称 comes from items/{id}).
        var map = await earlyPage.Locator("#map").BoundingBoxAsync();
        await earlyPage.Mouse.ClickAsync((float)(map!.X + xy[0]), (float)(map.Y + xy[1]));
        await Expect(earlyPage.Locator("#popup tr[data-field='land_use'] td")).ToHaveTextAsync(parcel.Text("land_use"));
        await earlyPage.Context.CloseAsync();
        var (late, latePage) = await TileRequestsAsync($"#c={centre}&z=15&l=district", showParcels: true);
        await latePage.Context.CloseAsync();

        Assert.NotEmpty(late);
        Assert.Equal(early.Distinct().Count(), early.Count);
        Assert.Equal(late.Order(), early.Order());
    }

    private async Task<(List<string> Tiles, IPage Page)> TileRequestsAsync(string hash, bool showParcels)
    {
        var tiles = new List<string>();
        var context = await viewer.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path.StartsWith("/ogcapi/collections/parcels/tiles/", StringComparison.Ordinal))
            {
                lock (tiles)
                {
                    tiles.Add(path);
                }
            }
        };
        await page.GotoAsync(new Uri(_service.ListeningAddress, "/?testHooks" + hash).ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });
        if (showParcels)
        {
            await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "district", "parcels" });
        }

        lock (tiles)
        {
            return (tiles.ToList(), page);
        }
    }

    private static async Task<List<Rgb>> PixelsAsync(IPage page, double[] xy)
    {
        var data = await page.EvaluateAsync<int[]>("([x, y, r]) => __viewer.pixelsAround(x, y, r)", new object[] { xy[0], xy[1], 3 });
        return Enumerable.Range(0, data.Length / 4).Select(i => new Rgb(data[i * 4], data[i * 4 + 1], data[i * 4 + 2])).ToList();
    }
}
