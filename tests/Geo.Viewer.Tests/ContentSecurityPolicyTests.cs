namespace Geo.Viewer.Tests;

/// <summary>
/// The service's Content-Security-Policy does not break the viewer or the printable reports: chromium reports every
/// blocked script, style, image or request on the console, and none may appear while the panels that load code and
/// styles on first use are opened.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ContentSecurityPolicyTests(ViewerFixture viewer)
{
    [Fact]
    public async Task The_viewer_and_a_report_load_under_the_policy_without_violations()
    {
        var policy = (await viewer.Http.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        var violations = new List<string>();

        var page = await viewer.OpenViewerAsync(beforeNavigation: p => Watch(p, violations));
        await page.ClickAsync("#open-charts");
        await Expect(page.Locator("#charts-panel .charts-total")).Not.ToBeEmptyAsync();
        await page.ClickAsync("#open-living");
        await page.ClickAsync("#open-table");
        await Expect(page.Locator("#table-panel tbody tr")).Not.ToHaveCountAsync(0);
        await page.ClickAsync("#open-query");

        var report = await page.Context.NewPageAsync();
        Watch(report, violations);
        await report.GotoAsync(new Uri(viewer.BaseAddress, "/api/analysis/compliance/projects/6?f=html").ToString());
        await Expect(report.Locator("svg").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);

        Assert.Empty(violations);
    }

    private static void Watch(IPage page, List<string> violations)
    {
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
    }
}
