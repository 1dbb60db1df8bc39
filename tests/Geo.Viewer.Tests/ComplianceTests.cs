using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>合规性审查 from a project's popup, its farmland conflict area held to SQL run on PostGIS by the test itself.</summary>
[Collection(ViewerCollection.Name)]
public sealed class ComplianceTests(ViewerFixture viewer, PostGisStoreFixture postGis) : IClassFixture<PostGisStoreFixture>
{
    [Fact]
    public async Task Project_5_shows_a_conflict_with_permanent_farmland_of_the_area_PostGIS_measures()
    {
        await using var command = postGis.DataSource.CreateCommand(
            "SELECT SUM(ST_Area(ST_Transform(ST_Intersection(c.geom, p.geom), 4545))) FROM constraints c, projects p "
            + "WHERE p.id = 5 AND c.kind = 'permanent_farmland' AND ST_Intersects(c.geom, p.geom)");
        var farmland = Convert.ToDouble(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        Assert.True(farmland > 1000);
        var page = await viewer.OpenViewerAsync();
        await RunOnProject5Async(page);

        await Expect(page.Locator("#popup .compliance-verdict")).ToHaveTextAsync("存在冲突");
        var row = page.Locator("#popup tr[data-kind='permanent_farmland']");
        await Expect(row).ToContainTextAsync("永久基本农田");
        var shown = Regex.Match((await row.Locator(".compliance-area").TextContentAsync())!, @"^([\d,]+) m² · ([\d,.]+) 公顷 · ([\d,.]+) 亩$");
        Assert.True(shown.Success);
        // Shown to the square metre and to 0.01 公顷 and 亩: half a display step either way.
        Assert.InRange(Number(shown.Groups[1].Value), farmland - 0.501, farmland + 0.501);
        Assert.InRange(Number(shown.Groups[2].Value), farmland / 10000 - 0.00501, farmland / 10000 + 0.00501);
        Assert.InRange(Number(shown.Groups[3].Value), farmland * 15 / 10000 - 0.00501, farmland * 15 / 10000 + 0.00501);
        Assert.True(await page.EvaluateAsync<int>("() => __viewer.complianceHighlights()") >= 1);
        await ViewerFixture.ScreenshotAsync(page, "11-compliance-project-5");
    }

    [Fact]
    public async Task In_English_the_verdict_and_each_findings_severity_are_named_in_English()
    {
        var page = await viewer.OpenViewerAsync("#lang=en");
        await RunOnProject5Async(page);

        await Expect(page.Locator("#popup .compliance-verdict")).ToHaveTextAsync("Conflicts found");
        await Expect(page.Locator("#popup tr[data-kind='permanent_farmland'] td").First).ToHaveTextAsync("Conflict · Permanent basic farmland");
        // Every finding's first cell (severity · kind) is English; the second holds the constraint's proper name.
        var firstCells = await page.Locator("#popup .compliance-findings tr td:first-child").AllTextContentsAsync();
        Assert.NotEmpty(firstCells);
        Assert.All(firstCells, cell => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", cell));
    }

    private static async Task RunOnProject5Async(Microsoft.Playwright.IPage page)
    {
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "projects" });
        await page.ZoomToFeatureAsync("projects", 5, 14);
        var (x, y) = await page.FeatureOnPageAsync("projects", 5);
        await page.Mouse.ClickAsync(x, y);
        await page.ClickAsync("#popup button.compliance-run");
    }

    private static double Number(string shown) => double.Parse(shown.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
