using Geo.Core.Plan;

namespace Geo.Core.Tests.Plan;

/// <summary>gis-data agrees with the plan document to the character and to the 万元.</summary>
public sealed class PlanReconciliationTests
{
    private static readonly GisDataSet Data = RepoGisData.Set;

    [Fact]
    public void Every_project_matches_its_row_in_attachment_4()
    {
        var rows = PlanText.Projects();
        var projects = Data[Catalog.Projects];

        Assert.Equal(35, rows.Count);
        Assert.Equal(rows.Select(r => (long)r.Number), projects.Select(p => p.Id));
        foreach (var (row, project) in rows.Zip(projects))
        {
            Assert.Equal(row.Name, project["name"]);
            Assert.Equal(row.Owner, project["owner"]);
            Assert.Equal(row.Funding, project["funding"]);
            Assert.Equal(row.Period, project["period"]);
            Assert.Equal(row.Scope, project["scope"]);
            Assert.Equal(row.InvestmentWan, project["investment_wan"]);
            Assert.Equal(row.LeadUnit, project["lead_unit"]);
        }
    }

    [Theory]
    [InlineData("resettlement", 114152)]
    [InlineData("industry", 145429)]
    [InlineData("employment", 8556)]
    [InlineData("public_service", 104937)]
    [InlineData("municipal", 251128)]
    public void Group_totals_are_the_plans(string category, double totalWan)
    {
        Assert.Equal(totalWan, Data[Catalog.Projects].Where(p => (string)p["category"]! == category).Sum(p => (double)p["investment_wan"]!));
    }

    [Fact]
    public void Group_totals_match_the_headings_in_the_plan_text_and_add_up_to_624202()
    {
        var headings = PlanText.Groups();
        var categories = Catalog.ProjectCategories;
        var projects = Data[Catalog.Projects];

        // Five groups, each headed twice (合计 block and section), with the same total both times.
        Assert.Equal(10, headings.Count);
        for (var i = 0; i < 5; i++)
        {
            var sum = projects.Where(p => (string)p["category"]! == categories[i]).Sum(p => (double)p["investment_wan"]!);
            Assert.Equal(headings[i].TotalWan, sum);
            Assert.Equal(headings[i + 5].TotalWan, sum);
        }

        Assert.Equal(624202.0, projects.Sum(p => (double)p["investment_wan"]!));
    }

    [Theory]
    [InlineData(1, "indicators", 15)]
    [InlineData(2, "policies", 25)]
    [InlineData(3, "reforms", 19)]
    public void List_attachments_are_complete(int attachment, string collectionId, int count)
    {
        Assert.Equal(count, PlanText.NumberedRows(attachment));
        Assert.Equal(count, Data[Catalog.Find(collectionId)!].Count);
    }

    [Fact]
    public void Every_geometry_is_valid_and_inside_the_district()
    {
        var district = Data[Catalog.District].Single().Geometry!;
        foreach (var collection in Catalog.All.Where(c => c.HasGeometry))
        {
            Assert.All(Data[collection], f =>
            {
                Assert.True(f.Geometry!.IsValid, $"{collection.Id} {f.Id} is invalid");
                Assert.True(district.Covers(f.Geometry), $"{collection.Id} {f.Id} is outside the district");
            });
        }
    }

    [Fact]
    public void Every_feature_says_where_its_position_came_from()
    {
        foreach (var collection in Catalog.All.Where(c => c.HasGeometry))
        {
            Assert.All(Data[collection], f =>
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)f["source"]));
                Assert.Contains((string)f["location_precision"]!, Catalog.LocationPrecisions);
                Assert.IsType<bool>(f["illustrative"]);
            });
        }

        // Nothing in gis-data is surveyed, and the sample layers are all marked illustrative.
        Assert.DoesNotContain(Catalog.All.Where(c => c.HasGeometry).SelectMany(c => Data[c]), f => (string)f["location_precision"]! == "surveyed");
        Assert.All(Data[Catalog.Parcels].Concat(Data[Catalog.Constraints]).Concat(Data[Catalog.RelocationFlows]), f => Assert.Equal(true, f["illustrative"]));
    }

    [Fact]
    public void Polygon_projects_cover_the_area_the_plan_states()
    {
        var polygons = Data[Catalog.Projects].Where(p => p.Geometry is MultiPolygon).ToList();

        Assert.Contains(polygons, p => p.Id == 4);
        Assert.Contains(polygons, p => p.Id == 5);
        Assert.All(polygons, p =>
        {
            var stated = (double)p["stated_area_m2"]!;
            Assert.Equal(stated, GaussKruger108.AreaOf(p.Geometry!).SquareMetres, stated * 0.01);
        });
        Assert.Equal(794000.0, (double)Data[Catalog.Projects][3]["stated_area_m2"]!);
    }

    [Fact]
    public void The_report_lists_the_plans_own_inconsistency_in_group_five()
    {
        var findings = DataQualityReport.Check(Data, PlanFigures.Load(RepoPaths.GisData));

        Assert.DoesNotContain(findings, f => f.Level == FindingLevel.Error);
        var note = Assert.Single(findings, f => f.Level == FindingLevel.Note && f.Subject.StartsWith("group (五)", StringComparison.Ordinal));
        Assert.Contains("11 projects are listed", note.Message, StringComparison.Ordinal);
        Assert.Contains("13个", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_fails_when_an_investment_is_mistyped()
    {
        var projects = Data[Catalog.Projects].Select(p => p.Id == 7
            ? p with { Properties = new Dictionary<string, object?>(p.Properties) { ["investment_wan"] = 4000.0 } }
            : p).ToList();
        var broken = new GisDataSet(Data.Folder, Catalog.All.ToDictionary(c => c.Id, c => c == Catalog.Projects ? projects : Data[c]));

        var findings = DataQualityReport.Check(broken, PlanFigures.Load(RepoPaths.GisData));

        Assert.Contains(findings, f => f.Level == FindingLevel.Error && f.Subject.StartsWith("group (二)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Level == FindingLevel.Error && f.Message.Contains("624,202", StringComparison.Ordinal));
    }
}
