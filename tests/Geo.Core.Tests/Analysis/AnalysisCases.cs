using Geo.Api.Backends.PostGis.Internal;
using Geo.Api.OgcApi.Filters;
using Geo.Core;

namespace Geo.Core.Tests.Analysis;

/// <summary>
/// The analyses over one store. Every expected figure comes from SQL written here and run on the PostGIS reference
/// database (<c>ST_Area(ST_Transform(ST_Intersection(a, b), 4545))</c>, <c>SUM(investment_wan)</c>, …), never from the code
/// under test; areas agree to 0.01 m² and money to the 万元 (checked to 0.01 万元).
/// </summary>
public abstract class AnalysisCases(AnalysisTarget target, PostGisStoreFixture reference)
{
    private const double M2 = ReferenceSql.SquareMetreTolerance;
    private const double Wan = 0.01;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly PostGisStoreFixture _sql = reference;

    private IFeatureStore Store => target.Store;

    private ISpatialAnalysis Spatial => target.Spatial;

    [Fact]
    public async Task A_drawn_polygon_around_Puli_lists_the_projects_SQL_finds_and_its_total_is_their_sum()
    {
        var drawn = Drawn.AroundPuli;
        var expectedCount = await _sql.LongAsync("SELECT count(*) FROM projects WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490))", drawn.Wkt);
        var expectedTotal = await _sql.DoubleAsync("SELECT SUM(investment_wan) FROM projects WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490))", drawn.Wkt);

        var result = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { Geometry = drawn.Input }, new ProjectFilter(), None);

        Assert.True(expectedCount >= 4, "the drawn polygon should hold the Puli projects");
        Assert.Equal(expectedCount, result.Summary.Count);
        Assert.Equal(expectedTotal, result.Summary.TotalWan, Wan);
        Assert.Equal(result.Projects.Sum(p => p.InvestmentWan), result.Summary.TotalWan, Wan);
        Assert.Equal(result.Summary.TotalWan, result.Summary.ByGroup.Sum(g => g.TotalWan), Wan);
        Assert.Equal(result.Summary.TotalWan, result.Summary.ByFunding.Sum(g => g.TotalWan), Wan);
        Assert.Equal(await _sql.DoubleAsync("SELECT ST_Area(ST_Transform(ST_GeomFromText($1, 4490), 4545))", drawn.Wkt), result.Area.Area.SquareMetres, M2);
    }

    [Fact]
    public async Task Group_totals_match_SQL_sums_by_category_and_funding()
    {
        var drawn = Drawn.AroundPuli;
        var byCategory = await _sql.PairsAsync(
            "SELECT category, SUM(investment_wan) FROM projects WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490)) GROUP BY category ORDER BY category", drawn.Wkt);
        var byFunding = await _sql.PairsAsync(
            "SELECT funding, SUM(investment_wan) FROM projects WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490)) GROUP BY funding ORDER BY funding", drawn.Wkt);

        var summary = (await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { Geometry = drawn.Input }, new ProjectFilter(), None)).Summary;

        Assert.Equal(byCategory.Select(r => r.Key), summary.ByGroup.Select(g => g.Key));
        Assert.All(byCategory.Zip(summary.ByGroup), p => Assert.Equal(p.First.Value, p.Second.TotalWan, Wan));
        Assert.Equal(byFunding.Select(r => r.Key).Order(StringComparer.Ordinal), summary.ByFunding.Select(g => g.Key));
        Assert.All(byFunding, r => Assert.Equal(r.Value, summary.ByFunding.Single(g => g.Key == r.Key).TotalWan, Wan));
    }

    [Fact]
    public async Task A_polygon_project_partly_inside_is_apportioned_by_its_share_of_area()
    {
        var drawn = Drawn.AcrossProject5;
        var inside = await _sql.DoubleAsync(
            "SELECT ST_Area(ST_Transform(ST_Intersection(geom, ST_GeomFromText($1, 4490)), 4545)) FROM projects WHERE id = 5", drawn.Wkt);
        var whole = await _sql.DoubleAsync("SELECT ST_Area(ST_Transform(geom, 4545)) FROM projects WHERE id = 5");
        var investment = await _sql.DoubleAsync("SELECT investment_wan FROM projects WHERE id = 5");

        var result = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { Geometry = drawn.Input }, new ProjectFilter(), None);
        var project5 = result.Projects.Single(p => p.Project.Id == 5);

        Assert.InRange(inside / whole, 0.05, 0.95);
        Assert.True(project5.Apportioned);
        Assert.Equal(inside, project5.AreaInside!.SquareMetres, M2);
        Assert.Equal(inside / 10000, project5.AreaInside.Hectares, M2 / 10000);
        Assert.Equal(inside * 15 / 10000, project5.AreaInside.Mu, M2);
        Assert.Equal(inside / whole, project5.ShareInside, 1e-8);
        Assert.Equal(investment * inside / whole, project5.ApportionedInvestmentWan, Wan);
        Assert.Equal(result.Projects.Sum(p => p.ApportionedInvestmentWan), result.Summary.ApportionedTotalWan, Wan);
    }

    [Fact]
    public async Task Filters_keep_only_matching_projects()
    {
        var expected = await _sql.DoubleAsync(
            "SELECT SUM(investment_wan) FROM projects WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490)) AND funding = '市场' AND end_year >= 2025",
            Drawn.AroundPuli.Wkt);

        var result = await new ProjectsInArea(Store, Spatial).RunAsync(
            new AreaRequest { Geometry = Drawn.AroundPuli.Input }, new ProjectFilter { Funding = "市场", YearFrom = 2025 }, None);

        Assert.NotEmpty(result.Projects);
        Assert.Equal(expected, result.Summary.TotalWan, Wan);
    }

    [Fact]
    public async Task Lead_unit_year_and_investment_filters_keep_what_SQL_keeps()
    {
        var expected = await _sql.PairsAsync(
            """
            SELECT id::text, investment_wan FROM projects
            WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490)) AND strpos(lead_unit, '区') > 0
              AND start_year <= 2026 AND investment_wan BETWEEN 2000 AND 50000 ORDER BY id
            """,
            Drawn.AroundPuli.Wkt);

        var result = await new ProjectsInArea(Store, Spatial).RunAsync(
            new AreaRequest { Geometry = Drawn.AroundPuli.Input },
            new ProjectFilter { LeadUnit = "区", YearTo = 2026, MinInvestmentWan = 2000, MaxInvestmentWan = 50000 }, None);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(r => long.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).Order(), result.Projects.Select(p => p.Project.Id).Order());
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task A_lead_unit_with_a_LIKE_wildcard_is_matched_literally(string text)
    {
        var expected = await _sql.LongAsync(
            "SELECT count(*) FROM projects WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490)) AND strpos(lead_unit, $2) > 0", Drawn.AroundPuli.Wkt, text);

        var result = await new ProjectsInArea(Store, Spatial).RunAsync(
            new AreaRequest { Geometry = Drawn.AroundPuli.Input }, new ProjectFilter { LeadUnit = text }, None);

        Assert.Equal(expected, result.Projects.Count);
    }

    [Fact]
    public async Task A_township_seat_buffered_in_metres_finds_what_SQL_finds_within_that_distance()
    {
        // 汉丰街道 (500154001), 3 km around the seat, measured in EPSG:4545.
        var expected = await _sql.LongAsync(
            "SELECT count(*) FROM projects p, townships t WHERE t.code = '500154001' AND ST_DWithin(ST_Transform(p.geom, 4545), ST_Transform(t.geom, 4545), 3000)");
        var circle = await _sql.DoubleAsync("SELECT ST_Area(ST_Buffer(ST_Transform(geom, 4545), 3000)) FROM townships WHERE code = '500154001'");

        var result = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { TownshipCode = "500154001", BufferM = 3000 }, new ProjectFilter(), None);

        Assert.True(expected > 0);
        Assert.Equal(expected, result.Summary.Count);
        Assert.Equal(circle, result.Area.Area.SquareMetres, M2);
    }

    [Fact]
    public async Task A_township_without_a_sourced_seat_is_queried_with_a_note_saying_so()
    {
        // 镇东街道 is the one unit no source gives a seat for (gis-data/README.md).
        var result = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { TownshipCode = "500154004", BufferM = 1000 }, new ProjectFilter(), None);
        var sourced = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { TownshipCode = "500154001", BufferM = 1000 }, new ProjectFilter(), None);

        Assert.Contains(result.Area.Notes, n => n.Zh.StartsWith("镇东街道驻地没有来源坐标", StringComparison.Ordinal));
        Assert.DoesNotContain(sourced.Area.Notes, n => n.Zh.Contains("没有来源坐标", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_zone_as_the_area_uses_the_zone_polygon()
    {
        var expected = await _sql.DoubleAsync(
            "SELECT SUM(p.investment_wan) FROM projects p JOIN zones z ON ST_Intersects(p.geom, z.geom) WHERE z.id = 2");

        var result = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { ZoneId = 2 }, new ProjectFilter(), None);

        Assert.Equal(expected, result.Summary.TotalWan, Wan);
    }

    [Fact]
    public async Task A_self_intersecting_polygon_is_repaired_and_the_repair_reported()
    {
        var result = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { Geometry = Drawn.BowTie.Input }, new ProjectFilter(), None);
        var repaired = await _sql.DoubleAsync("SELECT ST_Area(ST_Transform(ST_MakeValid(ST_GeomFromText($1, 4490)), 4545))", Drawn.BowTie.Wkt);

        Assert.Contains(result.Area.Notes, n => n.Zh.Contains("make-valid", StringComparison.Ordinal));
        Assert.Equal(repaired, result.Area.Area.SquareMetres, M2);
    }

    [Fact]
    public async Task An_area_outside_the_district_gives_an_empty_result_with_a_note()
    {
        var result = await new ProjectsInArea(Store, Spatial).RunAsync(new AreaRequest { Geometry = Drawn.Outside.Input }, new ProjectFilter(), None);

        Assert.Empty(result.Projects);
        Assert.Equal(0, result.Summary.TotalWan);
        Assert.Contains(result.Area.Notes, n => n.Zh.Contains("区界之外", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_zone_or_township_is_not_found()
    {
        var analysis = new ProjectsInArea(Store, Spatial);

        var zone = await Assert.ThrowsAsync<InputException>(() => analysis.RunAsync(new AreaRequest { ZoneId = 999 }, new ProjectFilter(), None));
        var township = await Assert.ThrowsAsync<InputException>(() => analysis.RunAsync(new AreaRequest { TownshipCode = "500154999", BufferM = 10 }, new ProjectFilter(), None));

        Assert.Equal(InputProblem.NotFound, zone.Problem);
        Assert.Equal(InputProblem.NotFound, township.Problem);
    }

    [Fact]
    public async Task Compliance_of_project_5_reports_the_farmland_conflict_and_its_area()
    {
        var farmland = await _sql.DoubleAsync(
            "SELECT SUM(ST_Area(ST_Transform(ST_Intersection(c.geom, p.geom), 4545))) FROM constraints c, projects p "
            + "WHERE p.id = 5 AND c.kind = 'permanent_farmland' AND ST_Intersects(c.geom, p.geom)");
        var outside = await _sql.DoubleAsync(
            "SELECT ST_Area(ST_Transform(ST_Difference(p.geom, (SELECT ST_Union(geom) FROM constraints WHERE kind = 'urban_boundary')), 4545)) FROM projects p WHERE p.id = 5");

        var result = await new Compliance(Store, Spatial).RunAsync("projects", 5, None);

        Assert.True(farmland > 1000);
        Assert.Equal(Compliance.Conflicting, result.Verdict);
        var conflict = Assert.Single(result.Findings, f => f.Kind == Catalog.PermanentFarmland);
        Assert.Equal(Severity.Conflict, conflict.Severity);
        Assert.Equal(2, conflict.ConstraintId);
        Assert.Equal(farmland, conflict.Area.SquareMetres, M2);
        var urban = result.Findings.SingleOrDefault(f => f.Kind == Catalog.UrbanBoundary);
        Assert.Equal(outside, urban?.Area.SquareMetres ?? 0, M2);
    }

    [Fact]
    public async Task A_site_drawn_across_farmland_reports_that_conflict_and_its_area()
    {
        var site = Drawn.AcrossFarmland2;
        var farmland = await _sql.DoubleAsync(
            "SELECT ST_Area(ST_Transform(ST_Intersection(geom, ST_GeomFromText($1, 4490)), 4545)) FROM constraints WHERE id = 2", site.Wkt);
        var outside = await _sql.DoubleAsync(
            "SELECT ST_Area(ST_Transform(ST_Difference(ST_GeomFromText($1, 4490), (SELECT ST_Union(geom) FROM constraints WHERE kind = 'urban_boundary')), 4545))",
            site.Wkt);

        var result = await new Compliance(Store, Spatial).RunAsync(site.Input, None);

        Assert.InRange(farmland, 1000, 0.95 * result.Subject.Area.SquareMetres);
        Assert.Equal(Compliance.Conflicting, result.Verdict);
        Assert.Equal(farmland, Assert.Single(result.Findings, f => f.Kind == Catalog.PermanentFarmland).Area.SquareMetres, M2);
        Assert.Equal(outside, result.Findings.SingleOrDefault(f => f.Kind == Catalog.UrbanBoundary)?.Area.SquareMetres ?? 0, M2);
    }

    [Fact]
    public async Task A_site_drawn_outside_the_district_has_no_findings_and_says_why()
    {
        var result = await new Compliance(Store, Spatial).RunAsync(Drawn.Outside.Input, None);

        Assert.Empty(result.Findings);
        Assert.Equal(Compliance.OutsideDistrict, result.Verdict);
        Assert.Contains(result.Notes, n => n.Zh.Contains("区界之外", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compliance_of_resettlement_zone_13_warns_of_geohazard_GH_03()
    {
        var hazard = await _sql.DoubleAsync(
            "SELECT SUM(ST_Area(ST_Transform(ST_Intersection(c.geom, z.geom), 4545))) FROM constraints c, zones z "
            + "WHERE z.id = 13 AND c.kind = 'geohazard' AND ST_Intersects(c.geom, z.geom)");

        var result = await new Compliance(Store, Spatial).RunAsync("zones", 13, None);

        var warning = Assert.Single(result.Findings, f => f.Kind == Catalog.Geohazard);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(hazard, warning.Area.SquareMetres, M2);
        Assert.NotEqual(Compliance.Compliant, result.Verdict);
    }

    [Fact]
    public async Task Compliance_of_an_unknown_feature_or_collection_is_not_found()
    {
        var compliance = new Compliance(Store, Spatial);

        Assert.Equal(InputProblem.NotFound, (await Assert.ThrowsAsync<InputException>(() => compliance.RunAsync("projects", 999, None))).Problem);
        Assert.Equal(InputProblem.NotFound, (await Assert.ThrowsAsync<InputException>(() => compliance.RunAsync("roads", 1, None))).Problem);
    }

    [Fact]
    public async Task Constraint_conflicts_find_farmland_6_in_redline_10_with_the_SQL_area()
    {
        var expected = await _sql.DoubleAsync(
            "SELECT ST_Area(ST_Transform(ST_Intersection(a.geom, b.geom), 4545)) FROM constraints a, constraints b WHERE a.id = 6 AND b.id = 10");
        var pairs = await _sql.LongAsync(
            "SELECT count(*) FROM constraints a JOIN constraints b ON a.kind < b.kind AND ST_Intersects(a.geom, b.geom) "
            + "AND ST_Area(ST_Intersection(a.geom, b.geom)) > 0 WHERE a.kind <> 'geohazard' AND b.kind <> 'geohazard'");

        var result = await new ConstraintConflicts(Store, Spatial).RunAsync(None);

        var conflict = Assert.Single(result.Conflicts, c => c.IdA == 6 && c.IdB == 10);
        Assert.Equal(expected, conflict.Area.SquareMetres, M2);
        Assert.Equal(pairs, result.Conflicts.Count);
    }

    [Fact]
    public async Task Overlay_of_zone_13_with_parcels_gives_per_class_areas_and_shares()
    {
        var expected = await _sql.PairsAsync(
            "SELECT p.land_use_code, SUM(ST_Area(ST_Transform(ST_Intersection(p.geom, z.geom), 4545))) FROM parcels p, zones z "
            + "WHERE z.id = 13 AND ST_Intersects(p.geom, z.geom) GROUP BY p.land_use_code ORDER BY p.land_use_code");
        var zoneArea = await _sql.DoubleAsync("SELECT ST_Area(ST_Transform(geom, 4545)) FROM zones WHERE id = 13");

        var result = await new Overlay(Store, Spatial).RunAsync(
            new OverlayRequest { Collection = "zones", Ids = [13], Layers = [new OverlayLayerRequest { Layer = "parcels" }, new OverlayLayerRequest { Layer = "constraints" }] },
            None);

        var parcels = result.Subjects.Single().Layers.Single(l => l.Layer == "parcels");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => e.Key), parcels.Classes.Select(c => c.Class));
        Assert.All(expected.Zip(parcels.Classes), p =>
        {
            Assert.Equal(p.First.Value, p.Second.Area.SquareMetres, M2);
            Assert.Equal(p.First.Value / zoneArea, p.Second.ShareOfSubject!.Value, 1e-9);
        });
        Assert.Contains(result.Subjects.Single().Layers.Single(l => l.Layer == "constraints").Classes, c => c.Class == Catalog.Geohazard);
    }

    [Fact]
    public async Task Overlay_with_overlapping_zones_counts_the_shared_area_once()
    {
        // Zones 2 and 3 are both high_tech_zone and overlap each other; project 5's area in that class is cut by their union.
        var expected = await _sql.DoubleAsync(
            "SELECT ST_Area(ST_Transform(ST_Intersection(p.geom, (SELECT ST_Union(geom) FROM zones WHERE kind = 'high_tech_zone')), 4545)) FROM projects p WHERE p.id = 5");

        var result = await new Overlay(Store, Spatial).RunAsync(
            new OverlayRequest { Collection = "projects", Ids = [5], Layers = [new OverlayLayerRequest { Layer = "zones", Classes = ["high_tech_zone"] }] }, None);

        Assert.Equal(expected, result.Subjects.Single().Layers.Single().Classes.Single().Area.SquareMetres, M2);
    }

    [Theory]
    [InlineData("\"kind = 'resettlement'\"")]
    [InlineData("{\"op\":\"=\",\"args\":[{\"property\":\"kind\"},\"resettlement\"]}")]
    public async Task Overlay_subjects_can_be_chosen_by_a_CQL2_filter(string filterJson)
    {
        var ids = await _sql.PairsAsync("SELECT id::text, ST_Area(ST_Transform(ST_Intersection(z.geom, "
            + "(SELECT ST_Union(geom) FROM constraints WHERE kind = 'geohazard')), 4545)) FROM zones z WHERE kind = 'resettlement' ORDER BY id");
        using var json = System.Text.Json.JsonDocument.Parse(filterJson);
        var filter = json.RootElement.ValueKind == System.Text.Json.JsonValueKind.String
            ? Cql2Filter.FromText(json.RootElement.GetString()!, SupportedCrs.Crs84.ToStorage, Catalog.Zones)
            : Cql2Filter.FromJson(json.RootElement, SupportedCrs.Crs84.ToStorage, Catalog.Zones);

        var result = await new Overlay(Store, Spatial).RunAsync(
            new OverlayRequest { Collection = "zones", Filter = filter, Layers = [new OverlayLayerRequest { Layer = "constraints", Classes = ["geohazard"] }] },
            None);

        Assert.Equal(ids.Select(i => long.Parse(i.Key, System.Globalization.CultureInfo.InvariantCulture)), result.Subjects.Select(s => s.Subject.Id!.Value));
        Assert.All(ids.Zip(result.Subjects), p =>
            Assert.Equal(p.First.Value, p.Second.Layers.Single().Classes.SingleOrDefault()?.Area.SquareMetres ?? 0, M2));
    }

    [Fact]
    public async Task Overlay_of_a_drawn_polygon_against_constraints_matches_SQL_per_kind()
    {
        var drawn = Drawn.AroundPuli;
        var expected = await _sql.PairsAsync(
            "SELECT kind, ST_Area(ST_Transform(ST_Intersection(ST_GeomFromText($1, 4490), ST_Union(geom)), 4545)) FROM constraints "
            + "WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490)) GROUP BY kind ORDER BY kind", drawn.Wkt);

        var result = await new Overlay(Store, Spatial).RunAsync(
            new OverlayRequest { Geometry = drawn.Input, Layers = [new OverlayLayerRequest { Layer = "constraints" }] }, None);

        var classes = result.Subjects.Single().Layers.Single().Classes;
        Assert.Equal(expected.Select(e => e.Key), classes.Select(c => c.Class));
        Assert.All(expected.Zip(classes), p => Assert.Equal(p.First.Value, p.Second.Area.SquareMetres, M2));
    }

    [Fact]
    public async Task Flow_summary_sums_households_per_destination_and_flags_zone_13_over_capacity()
    {
        var expected = await _sql.PairsAsync("SELECT destination_zone, SUM(households) FROM relocation_flows GROUP BY destination_zone ORDER BY destination_zone::text");
        var persons = await _sql.LongAsync("SELECT SUM(persons) FROM relocation_flows");

        var result = await new FlowSummary(Store).RunAsync("destination", None);

        Assert.Equal(expected.Select(e => e.Key), result.Groups.Select(g => g.Key));
        Assert.All(expected.Zip(result.Groups), p => Assert.Equal((long)p.First.Value, p.Second.Households));
        Assert.Equal(persons, result.TotalPersons);
        var over = Assert.Single(result.ResettlementAreas, a => a.OverCapacity);
        Assert.Equal(13, over.ZoneId);
        Assert.Equal(690, over.InflowHouseholds);
        Assert.Equal(690.0 / 600, over.Utilisation!.Value, 1e-12);
        Assert.NotNull(over.Warning);
    }

    [Theory]
    [InlineData("origin", "origin_code")]
    [InlineData("year", "year")]
    [InlineData("reason", "reason")]
    public async Task Flow_summary_by_each_grouping_matches_SQL(string groupBy, string column)
    {
        var expected = await _sql.PairsAsync($"SELECT {column}::text, SUM(persons) FROM relocation_flows GROUP BY 1 ORDER BY {column}::text COLLATE \"C\"");

        var result = await new FlowSummary(Store).RunAsync(groupBy, None);

        Assert.Equal(expected.Select(e => e.Key), result.Groups.Select(g => g.Key));
        Assert.All(expected.Zip(result.Groups), p => Assert.Equal((long)p.First.Value, p.Second.Persons));
    }

    [Fact]
    public async Task Living_circle_finds_the_facility_gaps_SQL_finds_within_1000_m()
    {
        // Each resettlement zone and each need with no facility of its kinds within 1000 m of the zone (EPSG:4545).
        var gaps = await _sql.PairsAsync(
            """
            SELECT z.id::text || ':' || n.need, 0 FROM zones z
            CROSS JOIN (VALUES ('school', ARRAY['school']), ('clinic_or_hospital', ARRAY['clinic', 'hospital']), ('market', ARRAY['market']),
                               ('elderly_care', ARRAY['elderly_care']), ('childcare', ARRAY['childcare']), ('park', ARRAY['park'])) AS n(need, kinds)
            WHERE z.kind = 'resettlement' AND NOT EXISTS (
                SELECT 1 FROM facilities f WHERE f.kind = ANY(n.kinds) AND ST_DWithin(ST_Transform(f.geom, 4545), ST_Transform(z.geom, 4545), 1000))
            ORDER BY 1
            """);
        var nearestSchool13 = await _sql.DoubleAsync(
            "SELECT min(ST_Distance(ST_Transform(f.geom, 4545), ST_Transform(z.geom, 4545))) FROM facilities f, zones z WHERE z.id = 13 AND f.kind = 'school'");

        var result = await new LivingCircle(Store, Spatial).RunAsync(null, 1000, None);

        Assert.Contains("13:childcare", gaps.Select(g => g.Key));
        Assert.Equal(gaps.Select(g => g.Key), result.Areas.SelectMany(a => a.Needs.Where(n => !n.Covered).Select(n => $"{a.ZoneId}:{n.Need}")).Order(StringComparer.Ordinal));
        Assert.Contains("医院", result.Areas.Single(a => a.ZoneId == 10).MissingFacilityKinds);
        Assert.Equal(nearestSchool13, result.Areas.Single(a => a.ZoneId == 13).Needs.Single(n => n.Need == "school").Facilities[0].DistanceMetres, 0.01);
    }
}

[Collection(AnalysisCollection.Name)]
public sealed class EmbeddedAnalysisTests(EmbeddedStoreFixture embedded, PostGisStoreFixture reference)
    : AnalysisCases(new AnalysisTarget(embedded.Store, new NtsSpatialAnalysis(embedded.Store)), reference);

[Collection(AnalysisCollection.Name)]
public sealed class PostGisAnalysisTests(PostGisStoreFixture postGis)
    : AnalysisCases(new AnalysisTarget(postGis.Store, new PostGisSpatialAnalysis(postGis.DataSource)), postGis);
