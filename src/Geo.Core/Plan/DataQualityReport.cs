using System.Globalization;
using System.Text.RegularExpressions;
using Geo.Core.GisData;
using NetTopologySuite.Geometries.Prepared;

namespace Geo.Core.Plan;

/// <summary>
/// Reconciles a gis-data set with the plan's own figures and lists what does not add up — including the plan's
/// inconsistencies with itself, which are reported rather than smoothed over.
/// </summary>
public static partial class DataQualityReport
{
    /// <summary>The pilot period the plan sets (五、进度安排: 试点期为2023年—2025年).</summary>
    public const int PilotStartYear = 2023;
    public const int PilotEndYear = 2025;

    /// <summary>Tolerance between a polygon's EPSG:4545 area and the area its attributes state.</summary>
    public const double AreaTolerance = 0.01;

    public static IReadOnlyList<Finding> Check(GisDataSet data, PlanFigures plan)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        var findings = new List<Finding>();
        CheckProjects(data[Catalog.Projects], plan, findings);
        CheckTables(data, findings);
        CheckInsideDistrict(data, findings);
        CheckAreas(data, findings);
        CheckRelocation(data, findings);
        CheckHonesty(data, findings);
        CheckNamedTownships(data, findings);
        return findings;
    }

    private static void CheckProjects(IReadOnlyList<Feature> projects, PlanFigures plan, List<Finding> findings)
    {
        const string subject = "projects";
        findings.Add(projects.Count == plan.ProjectCount
            ? new(FindingLevel.Ok, subject, $"{projects.Count} projects, as the plan's 合计项目{plan.ProjectCount}个")
            : new(FindingLevel.Error, subject, $"{projects.Count} projects listed, the plan says 合计项目{plan.ProjectCount}个"));

        var total = projects.Sum(Investment);
        findings.Add(total == plan.TotalInvestmentWan
            ? new(FindingLevel.Ok, subject, $"total investment {Wan(total)} 万元, as the plan's 合计")
            : new(FindingLevel.Error, subject, $"total investment {Wan(total)} 万元, the plan's 合计 is {Wan(plan.TotalInvestmentWan)} 万元"));

        var headingSum = plan.Groups.Sum(g => g.HeadingTotalWan);
        if (headingSum != plan.TotalInvestmentWan)
        {
            findings.Add(new(FindingLevel.Note, subject, $"plan inconsistency: the group totals add up to {Wan(headingSum)} 万元, the 合计 says {Wan(plan.TotalInvestmentWan)}"));
        }

        foreach (var group in plan.Groups)
        {
            CheckGroup(projects.Where(p => (string?)p["category"] == group.Category).ToList(), group, findings);
        }

        foreach (var project in projects)
        {
            CheckStatedConversions(project, findings);
        }

        foreach (var project in projects.Where(p => (long)p["start_year"]! < PilotStartYear || (long)p["end_year"]! > PilotEndYear))
        {
            findings.Add(new(FindingLevel.Note, $"project {project.Id}",
                $"建设年限 {project["period"]} reaches outside the pilot period {PilotStartYear}—{PilotEndYear} (五、进度安排)"));
        }
    }

    /// <summary>Where the plan gives an area twice ("22亩（约15000㎡）"), says whether its own two figures agree.</summary>
    private static void CheckStatedConversions(Feature project, List<Finding> findings)
    {
        foreach (Match match in MuWithSquareMetres().Matches((string)project["scope"]!))
        {
            var mu = double.Parse(match.Groups["mu"].Value, CultureInfo.InvariantCulture);
            var squareMetres = double.Parse(match.Groups["m2"].Value, CultureInfo.InvariantCulture);
            var converted = mu * Area.SquareMetresPerMu;
            if (Math.Abs(converted - squareMetres) > 0.01 * squareMetres)
            {
                findings.Add(new(FindingLevel.Note, $"project {project.Id}",
                    $"plan inconsistency: {match.Value} — {mu} 亩 is {M2(converted)} m², not about {M2(squareMetres)} m²"));
            }
        }
    }

    private static void CheckGroup(List<Feature> listed, ProjectGroup group, List<Finding> findings)
    {
        var subject = $"group ({group.GroupNo}) {group.CategoryName}";
        var count = listed.Count;
        if (count == group.SummaryCount && count == group.HeadingCount)
        {
            findings.Add(new(FindingLevel.Ok, subject, $"{count} projects, as the plan heads it"));
        }
        else if (count == group.SummaryCount || count == group.HeadingCount)
        {
            findings.Add(new(FindingLevel.Note, subject,
                $"plan inconsistency: {count} projects are listed; the 合计 block says {group.SummaryCount}个, the section heading says {group.HeadingCount}个"));
        }
        else
        {
            findings.Add(new(FindingLevel.Error, subject,
                $"{count} projects in our data; the plan says {group.SummaryCount}个 (合计) and {group.HeadingCount}个 (heading)"));
        }

        var sum = listed.Sum(Investment);
        findings.Add(sum == group.HeadingTotalWan
            ? new(FindingLevel.Ok, subject, $"investment {Wan(sum)} 万元, as the plan's group total")
            : new(FindingLevel.Error, subject, $"investment adds up to {Wan(sum)} 万元, the plan's group total is {Wan(group.HeadingTotalWan)}"));
    }

    private static void CheckTables(GisDataSet data, List<Finding> findings)
    {
        foreach (var collection in Catalog.All)
        {
            var ids = data[collection].Select(f => f.Id).ToList();
            var contiguous = ids.SequenceEqual(Enumerable.Range(1, ids.Count).Select(i => (long)i));
            if (collection.Geometry is GeometryKind.None || collection == Catalog.Projects)
            {
                findings.Add(contiguous
                    ? new(FindingLevel.Ok, collection.Id, $"{ids.Count} rows numbered 1–{ids.Count} as in the plan")
                    : new(FindingLevel.Error, collection.Id, "ids must run 1…N as the plan numbers them (序号)"));
            }
        }
    }

    private static void CheckInsideDistrict(GisDataSet data, List<Finding> findings)
    {
        var district = data[Catalog.District].FirstOrDefault()?.Geometry;
        if (district is null)
        {
            findings.Add(new(FindingLevel.Error, "district", "no district boundary"));
            return;
        }

        var prepared = PreparedGeometryFactory.Prepare(district);
        foreach (var collection in Catalog.All.Where(c => c.HasGeometry && c != Catalog.District))
        {
            var outside = data[collection].Where(f => !prepared.Covers(f.Geometry!)).Select(f => f.Id).ToList();
            findings.Add(outside.Count == 0
                ? new(FindingLevel.Ok, collection.Id, $"all {data[collection].Count} geometries valid and inside the district")
                : new(FindingLevel.Error, collection.Id, $"outside the district boundary: ids {string.Join(", ", outside)}"));
        }
    }

    private static void CheckAreas(GisDataSet data, List<Finding> findings)
    {
        foreach (var project in data[Catalog.Projects].Where(p => p.Geometry is MultiPolygon))
        {
            var stated = project["stated_area_m2"] as double?;
            var measured = GaussKruger108.AreaOf(project.Geometry!).SquareMetres;
            var subject = $"project {project.Id}";
            if (stated is null)
            {
                findings.Add(new(FindingLevel.Error, subject, "a polygon needs stated_area_m2 (the extent the plan gives); otherwise use a point"));
            }
            else if (Math.Abs(measured - stated.Value) > AreaTolerance * stated.Value)
            {
                findings.Add(new(FindingLevel.Error, subject, $"polygon covers {M2(measured)} m², the plan states {M2(stated.Value)} m² ({project["extent_text"]})"));
            }
        }

        var parcels = data[Catalog.Parcels];
        var wrong = parcels.Where(p => Math.Abs(GaussKruger108.AreaOf(p.Geometry!).SquareMetres - (double)p["area_m2"]!) > 0.001 * (double)p["area_m2"]!)
            .Select(p => p.Id).ToList();
        findings.Add(wrong.Count == 0
            ? new(FindingLevel.Ok, "parcels", $"area_m2 of all {parcels.Count} parcels matches their EPSG:4545 area")
            : new(FindingLevel.Error, "parcels", $"area_m2 differs from the EPSG:4545 area by over 0.1 % for ids {string.Join(", ", wrong)}"));
    }

    private static void CheckRelocation(GisDataSet data, List<Finding> findings)
    {
        var zones = data[Catalog.Zones].ToDictionary(z => z.Id);
        foreach (var flow in data[Catalog.RelocationFlows])
        {
            var destination = (long)flow["destination_zone"]!;
            if (!zones.TryGetValue(destination, out var zone) || (string?)zone["kind"] != "resettlement")
            {
                findings.Add(new(FindingLevel.Error, $"relocation_flows {flow.Id}", $"destination_zone {destination} is not a resettlement zone"));
            }
        }

        foreach (var inflow in data[Catalog.RelocationFlows].GroupBy(f => (long)f["destination_zone"]!))
        {
            if (zones.TryGetValue(inflow.Key, out var zone) && zone["capacity_households"] is long capacity)
            {
                var households = inflow.Sum(f => (long)f["households"]!);
                if (households > capacity)
                {
                    findings.Add(new(FindingLevel.Note, $"zone {zone.Id} {zone["name"]}", $"inflow {households} households exceeds capacity {capacity} (sample figures)"));
                }
            }
        }
    }

    private static void CheckHonesty(GisDataSet data, List<Finding> findings)
    {
        foreach (var collection in Catalog.All.Where(c => c.HasGeometry))
        {
            var features = data[collection];
            var illustrative = features.Count(f => f["illustrative"] is true);
            var byPrecision = string.Join(", ", features.GroupBy(f => (string)f["location_precision"]!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()}"));
            findings.Add(new(FindingLevel.Ok, collection.Id, $"{illustrative} of {features.Count} illustrative (示意); precision: {byPrecision}"));
        }
    }

    [GeneratedRegex(@"(?<mu>\d+(?:\.\d+)?)亩（约(?<m2>\d+(?:\.\d+)?)(?:㎡|平方米|m²)）")]
    private static partial Regex MuWithSquareMetres();

    private static double Investment(Feature project) => (double)project["investment_wan"]!;

    private static string Wan(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string M2(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
