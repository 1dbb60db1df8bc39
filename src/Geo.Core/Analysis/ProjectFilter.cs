using Geo.Core.Filters;

namespace Geo.Core.Analysis;

/// <summary>Optional filters on projects; a project is kept when it passes every filter given.</summary>
public sealed record ProjectFilter
{
    /// <summary>The group code (resettlement, industry, employment, public_service, municipal).</summary>
    public string? Category { get; init; }

    public string? Funding { get; init; }

    /// <summary>Keeps projects under construction in some year from <see cref="YearFrom"/> to <see cref="YearTo"/>.</summary>
    public int? YearFrom { get; init; }

    public int? YearTo { get; init; }

    /// <summary>Matches when the lead unit contains this text (lead units are often lists such as "区住房城乡建委、区发展改革委").</summary>
    public string? LeadUnit { get; init; }

    public double? MinInvestmentWan { get; init; }

    public double? MaxInvestmentWan { get; init; }

    public void Validate()
    {
        if (Category is not null && !Catalog.ProjectCategories.Contains(Category))
        {
            throw InputException.Invalid("category", $"unknown group '{Category}'; one of {string.Join(", ", Catalog.ProjectCategories)}");
        }

        if (Funding is not null && !Catalog.Fundings.Contains(Funding))
        {
            throw InputException.Invalid("funding", $"unknown funding '{Funding}'; one of {string.Join(", ", Catalog.Fundings)}");
        }

        if (YearFrom > YearTo)
        {
            throw InputException.Invalid("yearFrom", "yearFrom is after yearTo");
        }

        if (MinInvestmentWan > MaxInvestmentWan)
        {
            throw InputException.Invalid("minInvestmentWan", "minInvestmentWan is above maxInvestmentWan");
        }
    }

    /// <summary>The filters given as one CQL2 condition on the projects layer (null when none is given), run by the store like any items filter.</summary>
    public FilterExpression? ToFilter() => And.All(
        Category is null ? null : Comparison.Of("category", ComparisonOperator.Equal, Category),
        Funding is null ? null : Comparison.Of("funding", ComparisonOperator.Equal, Funding),
        YearFrom is { } from ? Comparison.Of("end_year", ComparisonOperator.GreaterOrEqual, (double)from) : null,
        YearTo is { } to ? Comparison.Of("start_year", ComparisonOperator.LessOrEqual, (double)to) : null,
        LeadUnit is null ? null : Like.Containing("lead_unit", LeadUnit),
        MinInvestmentWan is { } min ? Comparison.Of("investment_wan", ComparisonOperator.GreaterOrEqual, min) : null,
        MaxInvestmentWan is { } max ? Comparison.Of("investment_wan", ComparisonOperator.LessOrEqual, max) : null);
}
