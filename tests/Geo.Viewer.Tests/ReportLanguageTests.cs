namespace Geo.Viewer.Tests;

/// <summary>
/// The printable reports follow the viewer's language: under the English toggle the query panel's report and the
/// compliance report link ask for lang=en and the report opened is the English one; under Chinese they ask for zh.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ReportLanguageTests(ViewerFixture viewer)
{
    [Theory]
    [InlineData("en", "Major projects in an area")]
    [InlineData("zh", "范围内重大项目统计")]
    public async Task The_query_panels_printable_report_is_asked_for_and_written_in_the_UI_language(string lang, string title)
    {
        var page = await viewer.OpenViewerAsync($"#lang={lang}");
        await page.ClickAsync("#open-query");
        await page.SelectOptionAsync("#query-panel select.query-zone", "2");
        await Expect(page.Locator("#query-panel .summary-total")).ToBeVisibleAsync();

        IRequest? request = null;
        var report = await page.Context.RunAndWaitForPageAsync(async () =>
            request = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("#query-panel button.query-html"), r => r.Url.Contains("projects-in-area?f=html", StringComparison.Ordinal)));
        await report.WaitForLoadStateAsync(LoadState.Load);

        Assert.Contains($"lang={lang}", request!.Url, StringComparison.Ordinal);
        await Expect(report.Locator("h1")).ToContainTextAsync(title);
        await Expect(report.Locator("html")).ToHaveAttributeAsync("lang", lang == "en" ? "en" : "zh-CN");
    }

    [Fact]
    public async Task The_compliance_report_link_follows_the_language_at_the_click()
    {
        var page = await viewer.OpenViewerAsync("#lang=en");
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "projects" });
        await page.ZoomToFeatureAsync("projects", 5, 14);
        var (x, y) = await page.FeatureOnPageAsync("projects", 5);
        await page.Mouse.ClickAsync(x, y);
        await page.ClickAsync("#popup button.compliance-run");
        var link = page.Locator("#popup a[href*='f=html']");

        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("lang=en$"));
        var report = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await report.WaitForLoadStateAsync(LoadState.Load);
        await Expect(report.Locator("h1")).ToContainTextAsync("Compliance review");
        Assert.Contains("lang=en", report.Url, StringComparison.Ordinal);
    }
}
