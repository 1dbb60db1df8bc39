namespace Geo.Viewer.Tests;

/// <summary>The attribution line credits the sources of the layers in view: Amap for the outline and seats, and
/// OpenStreetMap (ODbL) for the railway stations only while the facilities layer that holds them is shown.</summary>
[Collection(ViewerCollection.Name)]
public sealed class AttributionTests(ViewerFixture viewer)
{
    [Fact]
    public async Task The_attribution_line_credits_every_source_in_view_and_marks_the_illustrative_data()
    {
        var page = await viewer.OpenViewerAsync();
        var line = page.Locator(".ol-attribution");

        await Expect(line).ToBeVisibleAsync();
        await Expect(line).ToContainTextAsync("区界：高德（GCJ-02 转换，非法定界线）");
        await Expect(line).ToContainTextAsync("乡镇驻地：高德，经 Vonng/adcode（CC BY 4.0）");
        await Expect(line).ToContainTextAsync("示意数据");
        await Expect(line).Not.ToContainTextAsync("OpenStreetMap");

        await page.Locator("#layer-facilities").CheckAsync();

        await Expect(line).ToContainTextAsync("火车站：© OpenStreetMap 贡献者（ODbL）");
        await page.Locator("#layer-facilities").UncheckAsync();
        await Expect(line).Not.ToContainTextAsync("OpenStreetMap");
    }

    [Fact]
    public async Task A_map_wide_notice_says_illustrative_data_is_no_basis_for_approval_while_such_a_layer_is_shown()
    {
        var page = await viewer.OpenViewerAsync();
        var notice = page.Locator("#illustrative-notice");

        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToHaveTextAsync("示意，不作审批依据");
        await page.ClickAsync("#lang");
        await Expect(notice).ToHaveTextAsync("Illustrative, not a basis for approval");

        // The district outline is sourced (Amap) and carries no illustrative feature: alone, it needs no notice.
        await page.EvaluateAsync("() => __viewer.showOnly(['district'])");
        await Expect(notice).ToBeHiddenAsync();
        await page.EvaluateAsync("() => __viewer.showOnly(['district', 'projects'])");
        await Expect(notice).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
