using System.Globalization;
using System.Text;

namespace Geo.Viewer.Tests;

/// <summary>Identify popup and attribute table, checked against the plan's figures in gis-data.</summary>
[Collection(ViewerCollection.Name)]
public sealed class IdentifyAndTableTests(ViewerFixture viewer)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public async Task Clicking_a_project_shows_its_planned_investment_from_the_plan()
    {
        const long projectId = 17;
        var properties = GisDataFile.Feature("projects.geojson", projectId).GetProperty("properties");
        var expected = properties.GetProperty("investment_wan").GetDouble().ToString("#,0.##", Chinese) + " 万元";
        var page = await viewer.OpenViewerAsync();

        await page.ZoomToFeatureAsync("projects", projectId, 14);
        var (x, y) = await page.FeatureOnPageAsync("projects", projectId);
        await page.Mouse.ClickAsync(x, y);

        var row = page.Locator("#popup tr[data-field='investment_wan']");
        await Expect(row.Locator("th")).ToHaveTextAsync("计划总投资");
        await Expect(row.Locator("td")).ToHaveTextAsync(expected);
        await Expect(page.Locator("#popup tr[data-field='period'] td")).ToHaveTextAsync(properties.GetProperty("period").GetString()!);
        await Expect(page.Locator("#popup tr[data-field='owner'] th")).ToHaveTextAsync("项目业主");
        await Expect(page.Locator("#popup tr[data-field='lead_unit'] td")).ToHaveTextAsync(properties.GetProperty("lead_unit").GetString()!);
        // Project 17 is placed by hand near the 临江镇 seat ("approximate"), and the popup must say so.
        await Expect(page.Locator("#popup .precision-note")).ToContainTextAsync("近似位置");
        // The English provenance note is folded under a Chinese summary and marked as English.
        var source = page.Locator("#popup tr[data-field='source']");
        await Expect(source.Locator("summary")).ToHaveTextAsync("来源说明（英文原文）");
        await Expect(source.Locator("[lang='en']")).ToHaveTextAsync(properties.GetProperty("source").GetString()!);
        await Expect(source.Locator("[lang='en']")).ToBeHiddenAsync();
        Assert.Contains("s=projects:17", page.Url, StringComparison.Ordinal);
        await ViewerFixture.ScreenshotAsync(page, "02-identify-popup");
    }

    [Fact]
    public async Task Hovering_a_relocation_flow_shows_the_totals_moving_into_its_destination()
    {
        var flows = GisDataFile.Features("relocation_flows.geojson").Select(f => f.GetProperty("properties")).ToList();
        var destination = GisDataFile.Feature("relocation_flows.geojson", 1).GetProperty("properties").GetProperty("destination_zone").GetInt32();
        var into = flows.Where(p => p.GetProperty("destination_zone").GetInt32() == destination).ToList();
        var households = into.Sum(p => p.GetProperty("households").GetInt32()).ToString("#,0", Chinese);
        var persons = into.Sum(p => p.GetProperty("persons").GetInt32()).ToString("#,0", Chinese);
        var page = await viewer.OpenViewerAsync();
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "relocation_flows" });
        await page.ZoomToFeatureAsync("relocation_flows", 1, 12);

        var (x, y) = await page.FeatureOnPageAsync("relocation_flows", 1);
        await page.Mouse.MoveAsync(x - 5, y);
        await page.Mouse.MoveAsync(x, y);

        await Expect(page.Locator("#hover")).ToContainTextAsync($"迁入合计 {into[0].GetProperty("destination_name").GetString()}: {households} 户, {persons} 人");
    }

    [Fact]
    public async Task Project_table_lists_35_rows_exports_35_csv_rows_and_a_row_click_selects_the_project()
    {
        var page = await viewer.OpenViewerAsync();
        // The page's first stops in order: the skip link, the search box, then the toolbar (sidebar, then table).
        foreach (var stop in new[] { "skip-to-map", "search-input", "toggle-sidebar", "open-table" })
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal(stop, await page.EvaluateAsync<string>("() => document.activeElement.id"));
        }

        await page.Keyboard.PressAsync("Enter");

        var rows = page.Locator("#table-panel tbody tr");
        await Expect(rows).ToHaveCountAsync(35);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#table-panel button.export-csv"));
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var records = CsvRecords(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(36, records.Count);
        Assert.Equal(["编号", "项目名称"], records[0][..2]);
        Assert.Equal(Enumerable.Range(1, 35).Select(i => i.ToString(CultureInfo.InvariantCulture)), records.Skip(1).Select(r => r[0]));
        var investmentColumn = Array.IndexOf(records[0], "计划总投资（万元）");
        Assert.Equal(624202, records.Skip(1).Sum(r => double.Parse(r[investmentColumn], CultureInfo.InvariantCulture)));

        var geoJsonDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#table-panel button.export-geojson"));
        using (var geoJson = JsonDocument.Parse(await File.ReadAllTextAsync((await geoJsonDownload.PathAsync())!)))
        {
            var features = geoJson.RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, 35), features.Select(f => f.GetProperty("id").GetInt32()));
            // Written back in CGCS2000 lon/lat, not in the map's Web Mercator metres.
            var four = features.Single(f => f.GetProperty("id").GetInt32() == 4).GetProperty("geometry").GetProperty("coordinates");
            while (four[0].ValueKind == JsonValueKind.Array)
            {
                four = four[0];
            }

            Assert.InRange(four[0].GetDouble(), 107.9, 108.9);
            Assert.InRange(four[1].GetDouble(), 30.8, 31.7);
        }

        await page.FillAsync("#table-panel input.table-filter", "浦里");
        Assert.InRange(await rows.CountAsync(), 1, 34);
        await page.FillAsync("#table-panel input.table-filter", "");
        await Expect(rows).ToHaveCountAsync(35);

        var byInvestment = GisDataFile.Features("projects.geojson")
            .OrderBy(f => f.GetProperty("properties").GetProperty("investment_wan").GetDouble())
            .Select(f => f.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        var sortButton = page.Locator("#table-panel thead button", new() { HasTextString = "计划总投资" });
        await sortButton.ClickAsync();
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync(byInvestment[0]);
        await sortButton.ClickAsync();
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync(byInvestment[^1]);

        await page.ClickAsync("#table-panel tbody tr[data-id='5']");
        await Expect(page.Locator("#table-panel tbody tr[data-id='5']")).ToHaveClassAsync("selected");
        await Expect(page.Locator("#popup tr[data-field='name'] td")).ToHaveTextAsync(GisDataFile.Feature("projects.geojson", 5).GetProperty("properties").GetProperty("name").GetString()!);
        await page.WaitForFunctionAsync("() => location.hash.includes('s=projects:5')");
        // The popup pans the map into view with a short animation; the screenshot waits for it to settle.
        await page.WaitForTimeoutAsync(400);
        await ViewerFixture.ScreenshotAsync(page, "03-attribute-table");
    }

    /// <summary>
    /// The page's first Intl.NumberFormat loads ICU's number data (tens of milliseconds): the first render makes none (the
    /// legend's amounts are whole numbers, the hidden table draws no rows), and the table, drawn when it is opened,
    /// follows a language chosen while it was hidden.
    /// </summary>
    [Fact]
    public async Task The_first_render_makes_no_number_formatter_and_the_table_is_drawn_when_opened_in_the_language_chosen_while_hidden()
    {
        // Counts the formatters the page makes (Number.prototype.toLocaleString makes its own, uncounted; the viewer
        // formats through Intl.NumberFormat, src/format.ts).
        const string countFormatters = """
            (() => {
              const Original = Intl.NumberFormat;
              window.__numberFormatters = 0;
              Intl.NumberFormat = function (...args) { window.__numberFormatters++; return new Original(...args); };
              Intl.NumberFormat.prototype = Original.prototype;
            })();
            """;
        var page = await viewer.OpenViewerAsync(initScript: countFormatters);

        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__numberFormatters"));
        await Expect(page.Locator("#table-panel tbody tr")).ToHaveCountAsync(0);
        // The legend's investment circles (1,000, 10,000 and 50,000 万元), written without Intl as .NET writes them.
        await Expect(page.Locator("#layer-tree li[data-layer='projects'] .legend li span", new() { HasTextString = "万元" }))
            .ToHaveTextAsync(new[] { 1000, 10000, 50000 }.Select(wan => $"{wan.ToString("#,0", Chinese)} 万元（圆面积∝投资）").ToArray());

        await page.ClickAsync("#lang");
        await page.ClickAsync("#open-table");

        await Expect(page.Locator("#table-panel .table-count")).ToHaveTextAsync("35 / 35 rows");
        var headers = await page.Locator("#table-panel thead tr").First.Locator("th").AllTextContentsAsync();
        var investmentColumn = headers.ToList().FindIndex(h => h.StartsWith("Planned investment", StringComparison.Ordinal));
        var investment = GisDataFile.Feature("projects.geojson", 17).GetProperty("properties").GetProperty("investment_wan").GetDouble();
        await Expect(page.Locator("#table-panel tbody tr[data-id='17'] td").Nth(investmentColumn))
            .ToHaveTextAsync(investment.ToString("#,0.##", CultureInfo.InvariantCulture) + " ×10⁴ yuan");
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes and line breaks.</summary>
    internal static List<string[]> CsvRecords(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}
