using Geo.Api.Backends.Embedded.Indicators;
using Geo.Api.Backends.PostGis.Internal;
using Geo.Core;
using Geo.Core.Analysis.Indicators;

namespace Geo.Core.Tests.Analysis;

/// <summary>附件1 indicators with recorded actuals, over both stores. Each test records for its own indicator, so order does not matter.</summary>
public abstract class IndicatorCases(IFeatureStore store, IIndicatorActualStore actuals, PostGisStoreFixture reference)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly PostGisStoreFixture _sql = reference;

    private IndicatorReport Report => new(store, actuals);

    [Fact]
    public async Task Lists_the_15_indicators_with_no_data_until_a_value_is_recorded()
    {
        var result = await Report.RunAsync(None);

        Assert.Equal(15, result.Indicators.Count);
        var indicator1 = result.Indicators.Single(i => i.Id == 1);
        Assert.Equal("≥5", indicator1.TargetText);
        Assert.Equal("区发展改革委", indicator1.LeadUnit);
        Assert.Equal(IndicatorReport.NoData, indicator1.Status);
    }

    [Fact]
    public async Task The_latest_value_by_date_sets_the_status_and_earlier_values_are_kept()
    {
        // 人均公园绿地面积 ≥ 12 平方米 (indicator 9).
        await Report.RecordAsync(new NewIndicatorActual(9, 12.4, new DateOnly(2025, 6, 30), "年中"), None);
        await Report.RecordAsync(new NewIndicatorActual(9, 11.2, new DateOnly(2024, 12, 31), "补录上年"), None);

        var row = (await Report.RunAsync(None)).Indicators.Single(i => i.Id == 9);

        Assert.Equal(12.4, row.LatestValue);
        Assert.Equal(new DateOnly(2025, 6, 30), row.LatestAsOf);
        Assert.Equal(IndicatorReport.Met, row.Status);
        Assert.Equal(2, row.RecordedValues);
        Assert.Equal([11.2, 12.4], row.History.Select(h => h.Value));
    }

    [Fact]
    public async Task A_value_above_a_ceiling_target_is_not_met()
    {
        // 城市公共管网漏损率 ≤ 9% (indicator 7).
        await Report.RecordAsync(new NewIndicatorActual(7, 9.5, new DateOnly(2025, 3, 31), null), None);

        Assert.Equal(IndicatorReport.NotMet, (await Report.RunAsync(None)).Indicators.Single(i => i.Id == 7).Status);
    }

    [Fact]
    public async Task Recording_for_an_unknown_indicator_is_not_found()
    {
        var e = await Assert.ThrowsAsync<InputException>(() => Report.RecordAsync(new NewIndicatorActual(16, 1, new DateOnly(2025, 1, 1), null), None));

        Assert.Equal(InputProblem.NotFound, e.Problem);
    }

    [Fact]
    public async Task Investment_shares_are_computed_from_the_projects_as_SQL_computes_them()
    {
        var government = await _sql.DoubleAsync("SELECT 100 * SUM(investment_wan) FILTER (WHERE funding = '政府') / SUM(investment_wan) FROM projects");
        var total = await _sql.DoubleAsync("SELECT SUM(investment_wan) FROM projects");

        var computed = (await Report.RunAsync(None)).Computed;

        var share = computed.Single(c => c.Key == "funding:政府");
        Assert.Equal(government, share.Value!.Value, 1e-9);
        Assert.Equal(624202, total);
        Assert.Equal(total, share.TotalWan, 0.01);
        Assert.Equal(100, computed.Where(c => c.Key.StartsWith("category:", StringComparison.Ordinal)).Sum(c => c.Value!.Value), 1e-9);
    }
}

[Collection(AnalysisCollection.Name)]
public sealed class EmbeddedIndicatorTests(EmbeddedStoreFixture embedded, PostGisStoreFixture reference, IndicatorFolder folder)
    : IndicatorCases(embedded.Store, folder.Store, reference), IClassFixture<IndicatorFolder>;

[Collection(AnalysisCollection.Name)]
public sealed class PostGisIndicatorTests(PostGisStoreFixture postGis)
    : IndicatorCases(postGis.Store, new PostGisIndicatorActualStore(postGis.DataSource), postGis);

/// <summary>A fresh folder for the embedded store's actuals file, deleted afterwards.</summary>
public sealed class IndicatorFolder : IDisposable
{
    public IndicatorFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "indicator-actuals-" + Guid.NewGuid().ToString("N")[..8]);
        Store = new JsonLinesIndicatorActualStore(Path);
    }

    public string Path { get; }

    public JsonLinesIndicatorActualStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(Path, recursive: true);
    }
}
