namespace Geo.Viewer.Tests;

/// <summary>One service and one headless Debian chromium for all viewer tests; each test opens its own page.</summary>
public sealed class ViewerFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Quiet on a closed network: no update, sync or background requests.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly GisDataServiceFactory _service = new();
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The service's own services, to make accounts as the CLI would.</summary>
    public IServiceProvider Services => _service.Services;

    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: scripts/test.sh installs it (apt-get install -y chromium).");
        }

        BaseAddress = _service.ListeningAddress;
        Http = new HttpClient { BaseAddress = BaseAddress };
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>
    /// Opens the viewer (with an optional permalink hash) with its test hooks (window.__viewer) and waits until every
    /// layer has loaded and drawn. An init script runs in the page before the viewer's own scripts.
    /// </summary>
    public async Task<IPage> OpenViewerAsync(string hash = "", int width = 1280, int height = 800, Action<IPage>? beforeNavigation = null, string? initScript = null)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        beforeNavigation?.Invoke(page);
        if (initScript is not null)
        {
            await page.AddInitScriptAsync(initScript);
        }

        await page.GotoAsync(new Uri(BaseAddress, "/?testHooks" + hash).ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png") });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        await _service.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ViewerCollection : ICollectionFixture<ViewerFixture>
{
    public const string Name = "viewer";
}
