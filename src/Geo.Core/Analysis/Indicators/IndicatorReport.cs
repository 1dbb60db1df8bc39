using Geo.Core.Accounts;
using Geo.Core.Stores;

namespace Geo.Core.Analysis.Indicators;

/// <summary>
/// The 15 indicators of 附件1 with their targets, latest recorded actual and status, plus the figures our own data do
/// give (investment shares of 附件4). None of the 15 can be computed from this data — they need statistics (GDP,
/// income, population, registers of enterprises, beds, clinics) that the service does not hold — so none is invented.
/// </summary>
public sealed class IndicatorReport(IFeatureStore store, IIndicatorActualStore actuals)
{
    public const string Met = "达标";
    public const string NotMet = "未达标";
    public const string NoData = "无数据";

    /// <summary>"左右" (about) counts as met within this fraction of the target.</summary>
    private const double AboutTolerance = 0.1;

    public async Task<IndicatorReportResult> RunAsync(CancellationToken cancellationToken)
    {
        var indicators = await store.QueryAsync(new FeatureQuery(Catalog.Indicators), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await actuals.ListAsync(cancellationToken).ConfigureAwait(false);
        var rows = indicators.Select(i =>
        {
            var history = recorded.Where(a => a.IndicatorId == i.Id).OrderBy(a => a.AsOf).ThenBy(a => a.Sequence).ToList();
            var latest = history.Count > 0 ? history[^1] : null;
            var comparator = (string)i["comparator"]!;
            var target = (double)i["target_value"]!;
            return new IndicatorRow(
                i.Id, (string)i["name"]!, (string)i["target_text"]!, comparator, target, i["target_unit"] as string, (string)i["lead_unit"]!,
                latest?.Value, latest?.AsOf, history.Count, latest is null ? NoData : Status(comparator, target, latest.Value) ? Met : NotMet,
                history);
        }).ToList();
        var projects = await store.QueryAsync(new FeatureQuery(Catalog.Projects), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IndicatorReportResult(rows, InvestmentShares(projects), DateTimeOffset.UtcNow);
    }

    public Task<IndicatorActual> RecordAsync(NewIndicatorActual actual, CancellationToken cancellationToken) => RecordAsync(actual, null, cancellationToken);

    /// <summary>Checks and appends <paramref name="actual"/> with its audit entry, when given, as one write.</summary>
    public async Task<IndicatorActual> RecordAsync(NewIndicatorActual actual, AuditOf<IndicatorActual>? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (await store.GetAsync(Catalog.Indicators, actual.IndicatorId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw InputException.NotFound("id", $"there is no indicator {actual.IndicatorId}; GET /api/indicators lists the 15 of 附件1");
        }

        if (!double.IsFinite(actual.Value))
        {
            throw InputException.Invalid("value", "the value must be a finite number");
        }

        if (actual.Note is { Length: > InputLimits.MaxNoteLength } note)
        {
            throw InputException.TooLarge("note", $"the note has {note.Length} characters; shorten it", $"{InputLimits.MaxNoteLength} characters");
        }

        return await actuals.AppendAsync(actual, audit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// "≥"/"≤" compare as written. "=" targets in 附件1 are levels to reach (56%, 100%, 50家, "提高0.6个百分点"), so reaching
    /// or passing them is met. "左右" is met within ±10% of the target or above it.
    /// </summary>
    private static bool Status(string comparator, double target, double actual) => comparator switch
    {
        ">=" or "=" => actual >= target,
        "<=" => actual <= target,
        _ => actual >= target * (1 - AboutTolerance),
    };

    private static IReadOnlyList<DerivedFigure> InvestmentShares(List<Feature> projects)
    {
        var total = projects.Sum(p => (double)p["investment_wan"]!);
        return projects.GroupBy(p => (string)p["funding"]!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Key: "funding:" + g.Key, Name: $"{g.Key}投资占附件4计划总投资比重", Sum: g.Sum(p => (double)p["investment_wan"]!)))
            .Concat(projects.GroupBy(p => (string)p["category"]!, StringComparer.Ordinal).OrderBy(g => Catalog.ProjectCategories.ToList().IndexOf(g.Key))
                .Select(g => (Key: "category:" + g.Key, Name: $"{g.First()["category_name"]}投资占附件4计划总投资比重", Sum: g.Sum(p => (double)p["investment_wan"]!))))
            .Select(x => new DerivedFigure(x.Key, x.Name, x.Sum, total, total > 0 ? x.Sum / total * 100 : null, "%", "由附件4项目计划总投资计算（非附件1指标）"))
            .ToList();
    }
}

public sealed record IndicatorReportResult(IReadOnlyList<IndicatorRow> Indicators, IReadOnlyList<DerivedFigure> Computed, DateTimeOffset ComputedAt);

public sealed record IndicatorRow(
    long Id, string Name, string TargetText, string Comparator, double TargetValue, string? Unit, string LeadUnit,
    double? LatestValue, DateOnly? LatestAsOf, int RecordedValues, string Status, IReadOnlyList<IndicatorActual> History);

/// <summary>A figure computed from our own data, with the parts it is computed from.</summary>
public sealed record DerivedFigure(string Key, string Name, double PartWan, double TotalWan, double? Value, string Unit, string Basis);
