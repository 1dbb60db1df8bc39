using Geo.Core.Stores;

namespace Geo.Core.Analysis;

/// <summary>
/// 范围内项目: the projects that meet an area, with a summary. A polygon project partly inside counts its share of
/// area inside, and its investment is apportioned by that share and labelled so; points count whole.
/// </summary>
public sealed class ProjectsInArea(IFeatureStore store, ISpatialAnalysis spatial)
{
    /// <summary>Below this share a polygon project is treated as whole (rounding at the edge of a drawn polygon).</summary>
    private const double WholeShare = 1 - 1e-9;

    public async Task<ProjectsInAreaResult> RunAsync(AreaRequest area, ProjectFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate();
        var resolved = await AreaOfInterest.ResolveAsync(area, store, cancellationToken).ConfigureAwait(false);
        var projects = new List<ProjectInArea>();
        if (resolved.InsideDistrict)
        {
            var overlaps = await spatial.IntersectionsAsync(resolved.Geometry, Catalog.Projects, filter.ToFilter(), cancellationToken).ConfigureAwait(false);
            foreach (var overlap in overlaps)
            {
                projects.Add(ProjectInArea.From(overlap));
            }
        }

        return new ProjectsInAreaResult(resolved, projects, ProjectSummary.Of(projects), DateTimeOffset.UtcNow);
    }

    internal static bool IsWhole(double share) => share >= WholeShare;
}

public sealed record ProjectsInAreaResult(AreaOfInterest Area, IReadOnlyList<ProjectInArea> Projects, ProjectSummary Summary, DateTimeOffset ComputedAt);

/// <summary>One project in the area. <see cref="Apportioned"/> is true when only part of a polygon project is inside.</summary>
public sealed record ProjectInArea(
    Feature Project, bool Polygonal, double ShareInside, AreaFigures? AreaInside, AreaFigures? ProjectArea,
    double InvestmentWan, double ApportionedInvestmentWan, bool Apportioned)
{
    public static ProjectInArea From(Overlap overlap)
    {
        ArgumentNullException.ThrowIfNull(overlap);
        var investment = (double)overlap.Feature["investment_wan"]!;
        var polygonal = overlap.FeatureArea.SquareMetres > 0;
        if (!polygonal)
        {
            return new ProjectInArea(overlap.Feature, false, 1, null, null, investment, investment, false);
        }

        var share = Math.Min(1, overlap.Area.SquareMetres / overlap.FeatureArea.SquareMetres);
        var whole = ProjectsInArea.IsWhole(share);
        return new ProjectInArea(
            overlap.Feature, true, whole ? 1 : share, AreaFigures.Of(overlap.Area), AreaFigures.Of(overlap.FeatureArea),
            investment, whole ? investment : investment * share, !whole);
    }

    public string Category => (string)Project["category"]!;
}

/// <summary>Counts and 万元 totals, overall and by group, funding, start year and lead unit.</summary>
public sealed record ProjectSummary(
    int Count, double TotalWan, double ApportionedTotalWan, int ApportionedCount,
    IReadOnlyList<SummaryGroup> ByGroup, IReadOnlyList<SummaryGroup> ByFunding,
    IReadOnlyList<SummaryGroup> ByStartYear, IReadOnlyList<SummaryGroup> ByLeadUnit)
{
    public static ProjectSummary Of(IReadOnlyList<ProjectInArea> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        return new ProjectSummary(
            projects.Count,
            projects.Sum(p => p.InvestmentWan),
            projects.Sum(p => p.ApportionedInvestmentWan),
            projects.Count(p => p.Apportioned),
            Group(projects, p => p.Category, p => (string)p.Project["category_name"]!),
            Group(projects, p => (string)p.Project["funding"]!, p => (string)p.Project["funding"]!),
            Group(projects, p => ((long)p.Project["start_year"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), p => $"{p.Project["start_year"]}年开工"),
            Group(projects, p => (string)p.Project["lead_unit"]!, p => (string)p.Project["lead_unit"]!));
    }

    private static List<SummaryGroup> Group(IReadOnlyList<ProjectInArea> projects, Func<ProjectInArea, string> key, Func<ProjectInArea, string> label) =>
        projects.GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SummaryGroup(g.Key, label(g.First()), g.Count(), g.Sum(p => p.InvestmentWan), g.Sum(p => p.ApportionedInvestmentWan)))
            .ToList();
}

public sealed record SummaryGroup(string Key, string Label, int Count, double TotalWan, double ApportionedWan);
