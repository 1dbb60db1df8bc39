using System.Globalization;

namespace Geo.Viewer.Tests;

/// <summary>Each investment chart has its figures in a table beside it (the text alternative), summed from gis-data.</summary>
[Collection(ViewerCollection.Name)]
public sealed class ChartDataTests(ViewerFixture viewer)
{
    [Fact]
    public async Task Every_chart_is_an_image_named_for_screen_readers_with_a_data_table_of_its_figures()
    {
        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        var byFunding = GisDataFile.Features("projects.geojson")
            .GroupBy(p => p.GetProperty("properties").GetProperty("funding").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.GetProperty("properties").GetProperty("investment_wan").GetDouble()).ToString("#,0.##", chinese) + " 万元");
        var page = await viewer.OpenViewerAsync();
        await page.ClickAsync("#open-charts");

        var table = page.Locator("#charts-panel table.chart-data[data-chart='funding']");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(byFunding.Count);
        foreach (var (funding, wan) in byFunding)
        {
            await Expect(table.Locator("tbody tr", new() { HasText = funding }).Locator("td")).ToHaveTextAsync(wan);
        }

        await Expect(page.Locator("#charts-panel table.chart-data")).ToHaveCountAsync(3);
        await Expect(page.Locator("#charts-panel canvas[data-chart='group']")).ToHaveAttributeAsync("role", "img");
        await Expect(page.Locator("#charts-panel canvas[data-chart='group']")).ToHaveAttributeAsync("aria-label", "按项目类别: 数据见下表");
        await page.Context.CloseAsync();
    }
}
