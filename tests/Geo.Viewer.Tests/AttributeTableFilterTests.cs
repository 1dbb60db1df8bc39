using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;

namespace Geo.Viewer.Tests;

/// <summary>
/// The attribute table's per-column filters (a pick list of the catalog's values, a number range), "only in view",
/// codes shown as names, and a CSV export that writes what the table shows; expectations from gis-data.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class AttributeTableFilterTests(ViewerFixture viewer)
{
    private static JsonElement Props(JsonElement feature) => feature.GetProperty("properties");

    private static long Id(JsonElement feature) => feature.GetProperty("id").GetInt64();

    [Fact]
    public async Task Column_filters_narrow_the_rows_and_the_csv_writes_names_as_shown()
    {
        var projects = GisDataFile.Features("projects.geojson");
        var expected = projects
            .Where(p => Props(p).GetProperty("funding").GetString() == "政府" && Props(p).GetProperty("investment_wan").GetDouble() >= 20000)
            .Select(Id).Order().ToList();
        Assert.InRange(expected.Count, 1, projects.Count - 1);
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-table");
        var rows = page.Locator("#table-panel tbody tr");
        await Expect(rows).ToHaveCountAsync(projects.Count);

        var funding = page.Locator("#table-panel select[data-field='funding']");
        Assert.Equal(["全部", "政府", "市场"], await funding.Locator("option").AllTextContentsAsync());
        await funding.SelectOptionAsync("政府");
        await Expect(rows).ToHaveCountAsync(projects.Count(p => Props(p).GetProperty("funding").GetString() == "政府"));
        await page.FillAsync("#table-panel input[data-field='investment_wan'][data-bound='min']", "20000");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Select(long.Parse).Order());

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#table-panel button.export-csv"));
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var records = IdentifyAndTableTests.CsvRecords(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = records[0];
        Assert.Equal(expected.Count, records.Count - 1);
        // The catalog's names for the codes, as the table shows them (written out here, not taken from the viewer).
        var precisionNames = new Dictionary<string, string> { ["sourced_point"] = "有来源的点位", ["approximate"] = "近似位置", ["schematic"] = "示意位置" };
        foreach (var record in records.Skip(1))
        {
            var properties = Props(projects.Single(p => Id(p) == long.Parse(record[0], CultureInfo.InvariantCulture)));
            Assert.Equal(precisionNames[properties.GetProperty("location_precision").GetString()!], record[Array.IndexOf(header, "位置精度")]);
            Assert.Equal(properties.GetProperty("illustrative").GetBoolean() ? "是" : "否", record[Array.IndexOf(header, "示意数据")]);
            Assert.Equal("政府", record[Array.IndexOf(header, "投资类别")]);
            // Numbers stay numbers, so a spreadsheet can sum them.
            Assert.Equal(properties.GetProperty("investment_wan").GetDouble(), double.Parse(record[Array.IndexOf(header, "计划总投资（万元）")], CultureInfo.InvariantCulture));
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Only_in_view_keeps_the_features_the_map_shows_and_township_codes_read_as_names()
    {
        const long projectId = 6;
        var projects = GisDataFile.Features("projects.geojson");
        var page = await viewer.OpenViewerAsync();
        await page.ZoomToFeatureAsync("projects", projectId, 14);
        await page.ClickAsync("#open-table");
        await page.CheckAsync("#table-panel input.table-in-view");

        var view = await page.EvaluateAsync<double[]>("() => __viewer.viewLonLat()");
        var box = Cgcs2000.GeometryFactory.ToGeometry(new Envelope(view[0], view[2], view[1], view[3]));
        var expected = projects.Where(p => Geometry(p.GetProperty("geometry")).Intersects(box)).Select(Id).Order().ToList();
        Assert.Contains(projectId, expected);
        Assert.InRange(expected.Count, 1, projects.Count - 1);
        var rows = page.Locator("#table-panel tbody tr");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Select(long.Parse).Order());

        // Zones name their township: the seat's name from townships.geojson, not its code.
        var seats = GisDataFile.Features("townships.geojson").ToDictionary(t => Props(t).GetProperty("code").GetString()!, t => Props(t).GetProperty("name").GetString()!);
        var zone = GisDataFile.Features("zones.geojson").First(z => Props(z).TryGetProperty("township_code", out var code) && code.ValueKind == JsonValueKind.String);
        await page.UncheckAsync("#table-panel input.table-in-view");
        await page.SelectOptionAsync("#table-panel select.table-layer", "zones");
        var headers = await page.Locator("#table-panel thead tr:first-child th").AllTextContentsAsync();
        var cell = page.Locator($"#table-panel tbody tr[data-id='{Id(zone)}'] td").Nth(headers.ToList().FindIndex(h => h.StartsWith("所在乡镇代码", StringComparison.Ordinal)));
        await Expect(cell).ToHaveTextAsync(seats[Props(zone).GetProperty("township_code").GetString()!]);
        await page.Context.CloseAsync();
    }

    private static Geometry Geometry(JsonElement geometry)
    {
        var coordinates = geometry.GetProperty("coordinates");
        return geometry.GetProperty("type").GetString() switch
        {
            "Point" => Geometries.Point(coordinates),
            "Polygon" => Geometries.Polygon(coordinates),
            "MultiPolygon" => Geometries.MultiPolygon(coordinates),
            var other => throw new InvalidOperationException($"projects.geojson holds a {other}"),
        };
    }
}
