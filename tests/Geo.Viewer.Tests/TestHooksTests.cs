namespace Geo.Viewer.Tests;

/// <summary>
/// The browser tests' window on the map (src/testHooks.ts) is not part of the bundle staff load: it is a chunk of its
/// own that only ?testHooks asks for.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class TestHooksTests(ViewerFixture viewer)
{
    private static string Asset(string name) => Path.Combine(RepoPaths.Root, "src", "Geo.Viewer", "wwwroot", "assets", name);

    [Fact]
    public void The_built_viewer_bundle_holds_no_test_hooks()
    {
        // pixelsAround and __viewer are names minification keeps (a property of the window and of the hooks object).
        var bundle = File.ReadAllText(Asset("viewer.js"));
        Assert.DoesNotContain("pixelsAround", bundle, StringComparison.Ordinal);
        Assert.DoesNotContain("__viewer:", bundle, StringComparison.Ordinal);
        // The grep can fail: the hooks are built, into their own chunk.
        Assert.Contains("pixelsAround", File.ReadAllText(Asset("testHooks.js")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_query_the_page_has_no_test_hooks()
    {
        var page = await viewer.OpenViewerAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__viewer === 'object'"));

        await page.GotoAsync(new Uri(viewer.BaseAddress, "/").ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__viewer === undefined"));
        await page.Context.CloseAsync();
    }
}
