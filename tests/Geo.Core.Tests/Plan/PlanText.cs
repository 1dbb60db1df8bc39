using System.Globalization;

namespace Geo.Core.Tests.Plan;

/// <summary>
/// Reads the project table (附件4) straight from the plan in seeds/, independently of the generator that made
/// gis-data, so the data can be reconciled with the document itself. Table cells are tab-led lines; rows are separated
/// by blank lines.
/// </summary>
internal static class PlanText
{
    public sealed record ProjectRow(int Number, string Name, string Owner, string Funding, string Period, string Scope, double InvestmentWan, string LeadUnit);

    public sealed record GroupRow(string Heading, double TotalWan);

    public static string Attachment(int number)
    {
        var text = File.ReadAllText(RepoPaths.Seed);
        var start = text.IndexOf($"附件{number}", StringComparison.Ordinal);
        var end = text.IndexOf($"附件{number + 1}", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    public static List<List<string>> Rows(string attachment)
    {
        var rows = new List<List<string>>();
        var current = new List<string>();
        foreach (var line in attachment.Split('\n'))
        {
            if (line.StartsWith('\t'))
            {
                current.Add(line.Trim());
            }
            else if (line.Trim().Length == 0 && current.Count > 0)
            {
                rows.Add(current);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            rows.Add(current);
        }

        return rows;
    }

    public static List<ProjectRow> Projects() => Rows(Attachment(4))
        .Where(r => r.Count >= 8 && int.TryParse(r[0], out _))
        .Select(r => new ProjectRow(
            int.Parse(r[0], CultureInfo.InvariantCulture), r[1], r[2], r[3], r[4], r[5],
            double.Parse(r[6], CultureInfo.InvariantCulture), r[7]))
        .ToList();

    /// <summary>The group heading rows, each listed twice in the plan (合计 block, then before its projects).</summary>
    public static List<GroupRow> Groups() => Rows(Attachment(4))
        .Where(r => r.Count >= 5 && r[0].StartsWith('（'))
        .Select(r => new GroupRow(r[0], double.Parse(r[4], CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>Numbered rows of a list attachment (附件1–3): rows whose first cell is 1, 2, 3 ….</summary>
    public static int NumberedRows(int attachment) => Rows(Attachment(attachment)).Count(r => int.TryParse(r[0], out _));
}
