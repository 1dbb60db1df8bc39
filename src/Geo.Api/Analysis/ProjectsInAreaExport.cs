namespace Geo.Api.Analysis;

/// <summary>The projects-in-area answer as JSON, GeoJSON (projects with their figures) and CSV.</summary>
internal static class ProjectsInAreaExport
{
    public const string Apportioned = "按面积比例分摊（apportioned）";
    public const string Whole = "全额计入";

    public static ProjectsInAreaResponse Json(ProjectsInAreaResult result) => new(
        new AreaDescription(result.Area.Description.Zh, result.Area.Area, result.Area.InsideDistrict, result.Area.Geometry),
        result.Summary, Features(result), ComplianceResponse.ChineseNotes(result.Area.Notes), result.ComputedAt, DataNote.Text);

    public static GeoJsonFeatureCollection Features(ProjectsInAreaResult result) =>
        new(result.Projects.Select(p =>
        {
            var properties = new Dictionary<string, object?>(p.Project.Properties)
            {
                ["share_inside"] = p.ShareInside,
                ["area_inside_m2"] = p.AreaInside?.SquareMetres,
                ["area_inside_ha"] = p.AreaInside?.Hectares,
                ["area_inside_mu"] = p.AreaInside?.Mu,
                ["project_area_m2"] = p.ProjectArea?.SquareMetres,
                ["apportioned_investment_wan"] = p.ApportionedInvestmentWan,
                ["apportioned"] = p.Apportioned,
                ["investment_basis"] = p.Apportioned ? Apportioned : Whole,
            };
            return new GeoJsonFeature(p.Project.Id, p.Project.Geometry, properties);
        }).ToList());

    public static FileContentHttpResult Csv(ProjectsInAreaResult result)
    {
        var projects = new CsvTable(
        [
            "id", "name", "category_name", "funding", "period", "lead_unit", "investment_wan", "share_inside",
            "area_inside_m2", "area_inside_ha", "area_inside_mu", "apportioned_investment_wan", "investment_basis", "illustrative",
        ]);
        foreach (var p in result.Projects)
        {
            projects.Add(
                p.Project.Id, p.Project["name"], p.Project["category_name"], p.Project["funding"], p.Project["period"], p.Project["lead_unit"],
                p.InvestmentWan, p.ShareInside, p.AreaInside?.SquareMetres, p.AreaInside?.Hectares, p.AreaInside?.Mu,
                p.ApportionedInvestmentWan, p.Apportioned ? Apportioned : Whole, p.Project["illustrative"]);
        }

        var summary = new CsvTable(["summary", "key", "label", "count", "total_wan", "apportioned_wan"]);
        summary.Add("total", string.Empty, "合计", result.Summary.Count, result.Summary.TotalWan, result.Summary.ApportionedTotalWan);
        foreach (var (name, groups) in Groups(result.Summary))
        {
            foreach (var g in groups)
            {
                summary.Add(name, g.Key, g.Label, g.Count, g.TotalWan, g.ApportionedWan);
            }
        }

        var note = new CsvTable(["note"]).Add(result.Area.Description.Zh).Add(DataNote.Text);
        foreach (var n in result.Area.Notes)
        {
            note.Add(n.Zh);
        }

        return CsvTable.Result("projects-in-area.csv", projects, summary, note);
    }

    public static IEnumerable<(string Name, IReadOnlyList<SummaryGroup> Groups)> Groups(ProjectSummary summary)
    {
        yield return ("by_group", summary.ByGroup);
        yield return ("by_funding", summary.ByFunding);
        yield return ("by_start_year", summary.ByStartYear);
        yield return ("by_lead_unit", summary.ByLeadUnit);
    }
}
