using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>The living-circle and capacity panel for 岳溪高铁片区, held to figures the test computes from gis-data.</summary>
[Collection(ViewerCollection.Name)]
public sealed class LivingCircleTests(ViewerFixture viewer)
{
    private const long ZoneId = 13;
    private const double Distance = 1000;

    /// <summary>The daily needs and the facility kinds that meet each, as the plan's 一刻钟便民生活圈 lists them.</summary>
    private static readonly Dictionary<string, string[]> Needs = new()
    {
        ["school"] = ["school"], ["clinic_or_hospital"] = ["clinic", "hospital"], ["market"] = ["market"],
        ["elderly_care"] = ["elderly_care"], ["childcare"] = ["childcare"], ["park"] = ["park"],
    };

    private static readonly Dictionary<string, string> KindLabels = new()
    {
        ["school"] = "学校", ["clinic"] = "诊所/卫生院", ["hospital"] = "医院", ["market"] = "农贸市场",
        ["elderly_care"] = "养老", ["childcare"] = "托育", ["park"] = "公园",
    };

    [Fact]
    public async Task Yuexi_high_speed_rail_area_shows_its_over_capacity_warning_and_its_gaps()
    {
        var zone = GisDataFile.Feature("zones.geojson", ZoneId);
        Assert.Equal("岳溪高铁片区", zone.GetProperty("properties").GetProperty("name").GetString());
        var capacity = zone.GetProperty("properties").GetProperty("capacity_households").GetInt32();
        var inflow = GisDataFile.Features("relocation_flows.geojson")
            .Where(f => f.GetProperty("properties").GetProperty("destination_zone").GetInt64() == ZoneId)
            .Sum(f => f.GetProperty("properties").GetProperty("households").GetInt32());
        Assert.True(inflow > capacity);

        // Straight-line distance in EPSG:4545 from the area's outline (0 inside), as the service measures without roads.
        var area = Geometries.MultiPolygon(zone.GetProperty("geometry").GetProperty("coordinates"));
        var near = GisDataFile.Features("facilities.geojson")
            .Where(f => GaussKruger108.DistanceMetres(area, Geometries.Point(f.GetProperty("geometry").GetProperty("coordinates"))) <= Distance)
            .Select(f => f.GetProperty("properties").GetProperty("kind").GetString()!).ToHashSet();
        var gaps = Needs.Where(n => !n.Value.Any(near.Contains)).Select(n => n.Key).Order().ToList();
        var missingKinds = KindLabels.Keys.Where(kind => !near.Contains(kind)).ToList();
        Assert.NotEmpty(gaps);

        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-living");
        await page.SelectOptionAsync("#living-panel select.living-zone", ZoneId.ToString(CultureInfo.InvariantCulture));

        await Expect(page.Locator("#living-panel .living-warning.over-capacity")).ToContainTextAsync($"超出安置容量 {inflow - capacity} 户");
        await Expect(page.Locator("#living-panel .living-coverage tbody tr")).ToHaveCountAsync(Needs.Count);
        var shownGaps = await page.Locator("#living-panel .living-coverage tr.gap").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.need)");
        Assert.Equal(gaps, shownGaps.Order().ToList());
        await Expect(page.Locator("#living-panel .living-coverage tr.gap").First).ToContainTextAsync("缺口");
        foreach (var kind in missingKinds)
        {
            await Expect(page.Locator("#living-panel .living-missing")).ToContainTextAsync(KindLabels[kind]);
        }

        await ViewerFixture.ScreenshotAsync(page, "12-living-circle-zone-13");

        // The English toggle words the same figures.
        await page.ClickAsync("#lang");
        await Expect(page.Locator("#living-panel .living-warning.over-capacity")).ToContainTextAsync($"Over capacity by {inflow - capacity} households");
        await Expect(page.Locator("#living-panel .living-coverage tr[data-need='childcare'] td").First).ToHaveTextAsync("Childcare");
        // The kinds the service names in Chinese, and its method note, are said in English too.
        var english = new Dictionary<string, string>
        {
            ["school"] = "School", ["clinic"] = "Clinic", ["hospital"] = "Hospital", ["market"] = "Market",
            ["elderly_care"] = "Elderly care", ["childcare"] = "Childcare", ["park"] = "Park",
        };
        foreach (var kind in missingKinds)
        {
            await Expect(page.Locator("#living-panel .living-missing")).ToContainTextAsync(english[kind]);
        }

        await Expect(page.Locator("#living-panel .living-missing")).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\p{IsCJKUnifiedIdeographs}"));
        await Expect(page.Locator("#living-panel .living-results .note")).ToContainTextAsync("Straight-line distance");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(500)]
    public async Task The_panel_draws_the_reach_at_the_chosen_distance_the_covered_facilities_and_the_gaps_and_frames_them(double distance)
    {
        var zone = GisDataFile.Feature("zones.geojson", ZoneId);
        var area = Geometries.MultiPolygon(zone.GetProperty("geometry").GetProperty("coordinates"));
        using var api = JsonDocument.Parse(await viewer.Http.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"/api/analysis/living-circle?zone={ZoneId}&distance_m={distance}")));
        var needs = api.RootElement.GetProperty("areas")[0].GetProperty("needs").EnumerateArray().ToList();
        var apiGaps = needs.Where(n => !n.GetProperty("covered").GetBoolean()).Select(n => n.GetProperty("need").GetString()!).Order().ToList();
        var apiFacilities = needs.SelectMany(n => n.GetProperty("facilities").EnumerateArray().Select(f => f.GetProperty("id").GetInt64())).Distinct().Order().ToList();
        Assert.NotEmpty(apiGaps);
        Assert.NotEmpty(apiFacilities);

        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-living");
        await page.SelectOptionAsync("#living-panel select.living-zone", ZoneId.ToString(CultureInfo.InvariantCulture));
        // The distance is chosen after the area: the panel asks again and redraws.
        await page.SelectOptionAsync("#living-panel select.living-distance", distance.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#living-panel .living-coverage tbody tr")).ToHaveCountAsync(Needs.Count);
        await Expect(page.Locator("#living-panel .living-results h3")).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"{distance} 米"));
        await page.WaitForFunctionAsync("d => __viewer.overlayFeatures('living-circle')?.features.some(f => f.properties.role === 'reach' && f.properties.distance_m === d)", distance);
        var drawn = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(__viewer.overlayFeatures('living-circle'))")).RootElement
            .GetProperty("features").EnumerateArray().ToList();
        JsonElement Role(string role) => drawn.Single(f => f.GetProperty("properties").GetProperty("role").GetString() == role);

        // Every vertex of the drawn reach lies at the chosen distance from the area's outline, measured in EPSG:4545
        // by NTS here (the viewer buffers with its own code), to 2 m: the vertices are on the true arcs and edges.
        var reach = Role("reach").GetProperty("geometry");
        var rings = reach.GetProperty("type").GetString() == "Polygon" ? [reach.GetProperty("coordinates")] : reach.GetProperty("coordinates").EnumerateArray().Select(p => p).ToList();
        var vertices = rings.SelectMany(r => r[0].EnumerateArray()).ToList();
        Assert.True(vertices.Count > 32, $"a reach of {vertices.Count} vertices cannot follow the arcs");
        foreach (var vertex in vertices)
        {
            Assert.InRange(GaussKruger108.DistanceMetres(area, Geometries.Point(vertex)), distance - 2, distance + 2);
        }

        // The facilities marked are the ones the API counts within the distance; the gaps written are the API's gaps.
        var marked = drawn.Where(f => f.GetProperty("properties").GetProperty("role").GetString() == "covered")
            .Select(f => f.GetProperty("properties").GetProperty("facility").GetInt64()).Order().ToList();
        Assert.Equal(apiFacilities, marked);
        Assert.Equal(apiGaps, Role("gaps").GetProperty("properties").GetProperty("needs").EnumerateArray().Select(n => n.GetString()!).Order().ToList());
        var listed = await page.Locator("#living-panel .living-coverage tr.gap").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.need)");
        Assert.Equal(apiGaps, listed.Order().ToList());

        // Framed: the whole reach is in view, and it fills a good part of it (not the district-wide first view).
        var view = await page.EvaluateAsync<double[]>("() => __viewer.viewLonLat()");
        var lons = vertices.Select(v => v[0].GetDouble()).ToList();
        var lats = vertices.Select(v => v[1].GetDouble()).ToList();
        Assert.True(view[0] <= lons.Min() && view[2] >= lons.Max() && view[1] <= lats.Min() && view[3] >= lats.Max(), "the reach is not wholly in view");
        Assert.True((lons.Max() - lons.Min()) / (view[2] - view[0]) > 0.3 || (lats.Max() - lats.Min()) / (view[3] - view[1]) > 0.3, "the view is not framed on the reach");
        await ViewerFixture.ScreenshotAsync(page, string.Create(CultureInfo.InvariantCulture, $"12b-living-circle-reach-zone-13-{distance}m"));
    }

    [Fact]
    public async Task The_panel_lists_every_resettlement_area_against_its_capacity_over_capacity_first()
    {
        var flows = GisDataFile.Features("relocation_flows.geojson").Select(f => f.GetProperty("properties")).ToList();
        var areas = GisDataFile.Features("zones.geojson").Where(z => z.GetProperty("properties").GetProperty("kind").GetString() == "resettlement")
            .Select(z =>
            {
                var id = z.GetProperty("id").GetInt64();
                var capacity = z.GetProperty("properties").TryGetProperty("capacity_households", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : (int?)null;
                var inflow = flows.Where(f => f.GetProperty("destination_zone").GetInt64() == id).Sum(f => f.GetProperty("households").GetInt32());
                return (Id: id.ToString(CultureInfo.InvariantCulture), Capacity: capacity, Inflow: inflow, Over: capacity is { } cap && inflow > cap);
            }).ToList();
        Assert.Contains(areas, a => a.Over);
        Assert.Contains(areas, a => !a.Over);

        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-living");
        var rows = page.Locator("#living-panel .capacity-overview tbody tr");
        await Expect(rows).ToHaveCountAsync(areas.Count);
        var shown = await rows.EvaluateAllAsync<string[][]>("rows => rows.map(r => [r.dataset.zone, r.className, ...[...r.cells].map(c => c.textContent)])");
        var overCount = areas.Count(a => a.Over);
        Assert.Equal(areas.Where(a => a.Over).Select(a => a.Id).Order(), shown.Take(overCount).Select(r => r[0]).Order());
        foreach (var row in shown)
        {
            var area = areas.Single(a => a.Id == row[0]);
            Assert.Equal(area.Over, row[1] == "over-capacity");
            Assert.Equal(area.Capacity is { } cap ? cap.ToString("#,0", CultureInfo.InvariantCulture) : "—", row[3]);
            Assert.Equal(area.Inflow.ToString("#,0", CultureInfo.InvariantCulture), row[4]);
        }

        // A row opens that area's living circle.
        await page.Locator($"#living-panel .capacity-overview tr[data-zone='{ZoneId}'] button").ClickAsync();
        await Expect(page.Locator("#living-panel select.living-zone")).ToHaveValueAsync(ZoneId.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#living-panel .living-coverage tbody tr")).ToHaveCountAsync(Needs.Count);
        await ViewerFixture.ScreenshotAsync(page, "12c-capacity-overview");
    }
}
