namespace Geo.Viewer.Tests;

/// <summary>
/// WCAG 2.1 AA colour contrast (1.4.3) of the UI's text, computed from the styles chromium applies: 4.5:1, or 3:1 for
/// large text (24 px, or 18.66 px bold), against the background the text sits on (semi-transparent layers composited
/// down to the first opaque one). Disabled controls are exempt, as WCAG says.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class ContrastTests(ViewerFixture viewer)
{
    private const string LowContrastText = """
        () => {
          const parse = (c) => {
            const m = c.match(/rgba?\(([^)]+)\)/);
            if (!m) return null;
            const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
            return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
          };
          const channel = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          const background = (el) => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
            }
            let bg = [255, 255, 255];
            for (const c of layers.reverse()) bg = bg.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
            return bg;
          };
          const failures = [];
          const seen = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!el || seen.has(el) || !walker.currentNode.textContent.trim()) continue;
            seen.add(el);
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || style.visibility !== 'visible' || el.closest(':disabled, [hidden], .skip-link:not(:focus)')) continue;
            const bg = background(el);
            const fg = parse(style.color);
            const text = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
            const [a, b] = [luminance(text), luminance(bg)];
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
            if (ratio < (large ? 3 : 4.5)) failures.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 24)}" ${style.color} on rgb(${bg.map(Math.round)}): ${ratio.toFixed(2)}`);
          }
          return failures;
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("#lang=en")]
    public async Task Every_text_of_the_UI_meets_AA_contrast(string hash)
    {
        var page = await viewer.OpenViewerAsync(hash);
        var failures = new List<string>(await page.EvaluateAsync<string[]>(LowContrastText));
        await page.ClickAsync("#open-table");
        await page.ClickAsync("#open-charts");
        await page.Locator("#charts-panel table.chart-data").First.WaitForAsync();
        failures.AddRange(await page.EvaluateAsync<string[]>(LowContrastText));
        await page.ClickAsync("#open-query");
        failures.AddRange(await page.EvaluateAsync<string[]>(LowContrastText));

        Assert.Empty(failures.Distinct());

        // The check can fail: grey #999 on white is 2.85:1.
        await page.EvaluateAsync("() => document.querySelector('#query-panel').append(Object.assign(document.createElement('p'), { id: 'grey', textContent: 'grey text' }))");
        await page.AddStyleTagAsync(new() { Content = "#grey { color: #999; background: #fff; }" });
        Assert.Contains(await page.EvaluateAsync<string[]>(LowContrastText), f => f.Contains("grey text", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
