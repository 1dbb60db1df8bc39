namespace Geo.Viewer.Tests;

/// <summary>
/// Under the English toggle no Chinese character is left in the UI chrome: labels, buttons, headings, notes, table
/// headers, legends, tooltips and accessible names, in every panel and the popup. Proper names (projects, zones,
/// townships, facilities, constraint features) and the toggle back to 中文 may stay Chinese.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class EnglishModeTests(ViewerFixture viewer)
{
    /// <summary>
    /// Chrome texts with a CJK character, each with where it is. An element's own text leaves out its form controls
    /// (a label's select lists zone names) and lists of features (their lines are names); a popup or list heading
    /// "layer · name" is read up to its name.
    /// </summary>
    private const string ChineseInChrome = """
        () => {
          const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
          const names = '.query-list, .year-project-list, .identify-list, .search-results, .capacity-overview td, .living-coverage td, .compliance-findings td + td, [lang^="zh"], option, input, select, textarea, .provenance';
          const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          const ownText = (el) => {
            const copy = el.cloneNode(true);
            copy.querySelectorAll(names).forEach((n) => n.remove());
            const text = copy.textContent.trim();
            return el.matches('#popup h3') ? text.split(' · ')[0] : text;
          };
          const where = (el) => el.id ? '#' + el.id : el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const found = [];
          const chrome = 'button, label, h1, h2, h3, h4, summary, th, caption, dt, a, .note, .precision-note, .compliance-verdict, .table-count, .year-label, .legend li, .illustrative-notice, .ol-attribution li, .living-warning, .charts-total, .measure-result, .draw-hint';
          for (const el of document.querySelectorAll(chrome)) {
            if (visible(el) && !el.closest(names)) {
              const text = ownText(el);
              if (cjk.test(text)) found.push(where(el) + ': ' + text);
            }
          }
          for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
            if (el.closest(names.replace(', input, select', '')) || el.matches('#popup')) continue;
            for (const attribute of ['title', 'aria-label', 'placeholder']) {
              const value = el.getAttribute(attribute);
              if (value && cjk.test(value)) found.push(where(el) + ' @' + attribute + ': ' + value);
            }
          }
          if (cjk.test(document.title)) found.push('title: ' + document.title);
          return found;
        }
        """;

    [Fact]
    public async Task English_mode_leaves_no_Chinese_in_the_UI_chrome_of_any_panel_or_the_popup()
    {
        var page = await viewer.OpenViewerAsync("#lang=en");
        var found = new List<string>();
        // Each text once, with the first state it was seen in.
        async Task CheckAsync(string state) =>
            found.AddRange((await page.EvaluateAsync<string[]>(ChineseInChrome)).Where(f => !found.Any(seen => seen.EndsWith("| " + f, StringComparison.Ordinal))).Select(f => $"{state} | {f}"));

        // The map, the header, the layer tree with every legend and the time slider with its list open.
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "district", "zones", "constraints", "townships", "relocation_flows", "facilities", "projects" });
        await page.Locator("#time-slider .year-slider").FillAsync("2026");
        await page.ClickAsync("#time-slider details.year-projects summary");
        await CheckAsync("first view");
        await page.UncheckAsync("#time-slider input.year-enabled");

        await page.ClickAsync("#open-table");
        await Expect(page.Locator("#table-panel tbody tr").First).ToBeVisibleAsync();
        await CheckAsync("attribute table");
        await page.ClickAsync("#open-table");

        await page.ClickAsync("#open-query");
        await page.SelectOptionAsync("#query-panel select.query-zone", "2");
        await Expect(page.Locator("#query-panel .query-summary")).ToBeVisibleAsync();
        await CheckAsync("zone query");
        await page.ClickAsync("#query-panel button[data-shape='Box']");
        await Expect(page.Locator("#draw-hint")).ToBeVisibleAsync();
        await CheckAsync("drawing");
        await page.Keyboard.PressAsync("Escape");

        await page.ClickAsync("#open-measure");
        await CheckAsync("measure");
        await page.ClickAsync("#open-charts");
        await Expect(page.Locator("#charts-panel .charts-total")).Not.ToBeEmptyAsync();
        await CheckAsync("charts");
        await page.ClickAsync("#open-living");
        await page.SelectOptionAsync("#living-panel select.living-zone", "13");
        await Expect(page.Locator("#living-panel .living-coverage tbody tr").First).ToBeVisibleAsync();
        await CheckAsync("living circle");
        await page.ClickAsync("#open-export");
        await CheckAsync("export");
        await page.ClickAsync("#open-export");

        // A project's popup with its compliance check, and the identify list of the city's cluster.
        await page.ZoomToFeatureAsync("projects", 5, 14);
        var (x, y) = await page.FeatureOnPageAsync("projects", 5);
        await page.Mouse.ClickAsync(x, y);
        await page.ClickAsync("#popup button.compliance-run");
        await Expect(page.Locator("#popup .compliance-verdict")).ToBeVisibleAsync();
        await CheckAsync("popup with compliance");

        await ViewerFixture.ScreenshotAsync(page, "16-english-popup");
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
