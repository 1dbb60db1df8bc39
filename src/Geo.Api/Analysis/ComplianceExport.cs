namespace Geo.Api.Analysis;

/// <summary>Compliance findings and 三线 conflicts as GeoJSON (the conflicting parts) and CSV.</summary>
internal static class ComplianceExport
{
    public static GeoJsonFeatureCollection Features(ComplianceResult result) =>
        new(result.Findings.Select(f => new GeoJsonFeature(null, f.Geometry, new Dictionary<string, object?>
        {
            ["subject_collection"] = result.Subject.Collection,
            ["subject_id"] = result.Subject.Id,
            ["verdict"] = result.Verdict,
            ["severity"] = f.SeverityLabel,
            ["kind"] = f.Kind,
            ["kind_label"] = f.KindLabel,
            ["constraint_id"] = f.ConstraintId,
            ["constraint_name"] = f.ConstraintName,
            ["description"] = f.Description,
            ["area_m2"] = f.Area.SquareMetres,
            ["area_ha"] = f.Area.Hectares,
            ["area_mu"] = f.Area.Mu,
            ["share_of_subject"] = f.ShareOfSubject,
            ["illustrative"] = true,
        })).ToList());

    public static FileContentHttpResult Csv(ComplianceResult result)
    {
        var table = new CsvTable(
        [
            "subject_collection", "subject_id", "subject_name", "subject_area_m2", "verdict", "severity", "kind_label", "constraint_id",
            "constraint_name", "description", "area_m2", "area_ha", "area_mu", "share_of_subject",
        ]);
        var s = result.Subject;
        if (result.Findings.Count == 0)
        {
            table.Add(s.Collection, s.Id, s.Name, s.Area.SquareMetres, result.Verdict);
        }

        foreach (var f in result.Findings)
        {
            table.Add(s.Collection, s.Id, s.Name, s.Area.SquareMetres, result.Verdict, f.SeverityLabel, f.KindLabel, f.ConstraintId,
                f.ConstraintName, f.Description, f.Area.SquareMetres, f.Area.Hectares, f.Area.Mu, f.ShareOfSubject);
        }

        var notes = new CsvTable(["note"]).Add(DataNote.Text);
        foreach (var n in result.Notes)
        {
            notes.Add(n.Zh);
        }

        return CsvTable.Result(s.Collection is null ? "compliance-drawn.csv" : $"compliance-{s.Collection}-{s.Id}.csv", table, notes);
    }

    public static GeoJsonFeatureCollection Features(ConstraintConflictsResult result) =>
        new(result.Conflicts.Select(c => new GeoJsonFeature(null, c.Geometry, new Dictionary<string, object?>
        {
            ["kind_a"] = c.KindALabel,
            ["id_a"] = c.IdA,
            ["name_a"] = c.NameA,
            ["kind_b"] = c.KindBLabel,
            ["id_b"] = c.IdB,
            ["name_b"] = c.NameB,
            ["area_m2"] = c.Area.SquareMetres,
            ["area_ha"] = c.Area.Hectares,
            ["area_mu"] = c.Area.Mu,
            ["illustrative"] = true,
        })).ToList());

    public static FileContentHttpResult Csv(ConstraintConflictsResult result)
    {
        var table = new CsvTable(["kind_a", "id_a", "name_a", "kind_b", "id_b", "name_b", "area_m2", "area_ha", "area_mu"]);
        foreach (var c in result.Conflicts)
        {
            table.Add(c.KindALabel, c.IdA, c.NameA, c.KindBLabel, c.IdB, c.NameB, c.Area.SquareMetres, c.Area.Hectares, c.Area.Mu);
        }

        return CsvTable.Result("constraint-conflicts.csv", table, new CsvTable(["note"]).Add(DataNote.Text));
    }
}
