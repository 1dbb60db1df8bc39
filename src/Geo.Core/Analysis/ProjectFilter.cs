using Geo.Core.Domain;

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

    public bool Matches(Feature project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var investment = (double)project["investment_wan"]!;
        return (Category is null || Category == (string?)project["category"])
            && (Funding is null || Funding == (string?)project["funding"])
            && (YearFrom is null || (long)project["end_year"]! >= YearFrom)
            && (YearTo is null || (long)project["start_year"]! <= YearTo)
            && (LeadUnit is null || ((string)project["lead_unit"]!).Contains(LeadUnit, StringComparison.Ordinal))
            && (MinInvestmentWan is null || investment >= MinInvestmentWan)
            && (MaxInvestmentWan is null || investment <= MaxInvestmentWan);
    }
}
