using System.Globalization;
using CsvHelper;
using Geo.Core.GisData;

namespace Geo.Core.Plan;

/// <summary>The figures the plan's 附件4 states about itself, transcribed in gis-data/project_groups.csv and plan_totals.csv.</summary>
public sealed record PlanFigures(long ProjectCount, double TotalInvestmentWan, IReadOnlyList<ProjectGroup> Groups)
{
    public const string GroupsFile = "project_groups.csv";
    public const string TotalsFile = "plan_totals.csv";

    public static PlanFigures Load(string folder)
    {
        var groups = ReadRows(Path.Combine(folder, GroupsFile)).Select(r => new ProjectGroup(
            r["category"], r["category_name"], r["group_no"],
            long.Parse(r["summary_count"], CultureInfo.InvariantCulture),
            long.Parse(r["heading_count"], CultureInfo.InvariantCulture),
            double.Parse(r["heading_total_wan"], CultureInfo.InvariantCulture))).ToList();
        var totals = ReadRows(Path.Combine(folder, TotalsFile)).ToDictionary(r => r["item"], r => r["value"]);
        return new PlanFigures(
            long.Parse(totals["project_count"], CultureInfo.InvariantCulture),
            double.Parse(totals["total_investment_wan"], CultureInfo.InvariantCulture),
            groups);
    }

    private static List<Dictionary<string, string>> ReadRows(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataValidationException([new DataError(Path.GetFileName(path), "file", "is missing")]);
        }

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        }

        return rows;
    }
}

/// <summary>One of the five project groups (一)…(五) as the plan heads it.</summary>
/// <param name="SummaryCount">The count in the 合计 block at the top of 附件4.</param>
/// <param name="HeadingCount">The count in the group's own section heading.</param>
public sealed record ProjectGroup(string Category, string CategoryName, string GroupNo, long SummaryCount, long HeadingCount, double HeadingTotalWan);
