namespace Geo.Api.Tests.OgcApi.Filters;

/// <summary>
/// One filter in both CQL2 encodings, with the SQL WHERE clause written by hand that selects the same rows in PostGIS.
/// The expected ids always come from running that SQL, never from our translator or evaluator.
/// </summary>
public sealed record Cql2Case(string Name, string Collection, string Text, string Json, string Sql)
{
    public override string ToString() => Name;
}

public static class Cql2Cases
{
    private const string CityPolygon = "POLYGON((108.36 31.14, 108.46 31.14, 108.46 31.21, 108.36 31.21, 108.36 31.14))";
    private const string CityPolygonJson = "{\"type\":\"Polygon\",\"coordinates\":[[[108.36,31.14],[108.46,31.14],[108.46,31.21],[108.36,31.21],[108.36,31.14]]]}";
    private const string EastPolygon = "POLYGON((108.5 30.8, 108.9 30.8, 108.9 31.7, 108.5 31.7, 108.5 30.8))";

    public static readonly IReadOnlyList<Cql2Case> All =
    [
        new("equals text", "projects", "funding = '政府'",
            """{"op":"=","args":[{"property":"funding"},"政府"]}""", "funding = '政府'"),
        new("greater than", "projects", "investment_wan > 20000",
            """{"op":">","args":[{"property":"investment_wan"},20000]}""", "investment_wan > 20000"),
        new("and", "projects", "investment_wan >= 30000 AND funding = '市场'",
            """{"op":"and","args":[{"op":">=","args":[{"property":"investment_wan"},30000]},{"op":"=","args":[{"property":"funding"},"市场"]}]}""",
            "investment_wan >= 30000 AND funding = '市场'"),
        new("or", "projects", "start_year < 2023 OR end_year > 2025",
            """{"op":"or","args":[{"op":"<","args":[{"property":"start_year"},2023]},{"op":">","args":[{"property":"end_year"},2025]}]}""",
            "start_year < 2023 OR end_year > 2025"),
        new("not", "projects", "NOT (category = 'municipal')",
            """{"op":"not","args":[{"op":"=","args":[{"property":"category"},"municipal"]}]}""", "NOT (category = 'municipal')"),
        new("not equal", "projects", "lead_unit <> '高新区管委会'",
            """{"op":"<>","args":[{"property":"lead_unit"},"高新区管委会"]}""", "lead_unit <> '高新区管委会'"),
        new("like", "projects", "name LIKE '%城中村%'",
            """{"op":"like","args":[{"property":"name"},"%城中村%"]}""", "name LIKE '%城中村%'"),
        new("not like", "projects", "name NOT LIKE '开州区%'",
            """{"op":"not","args":[{"op":"like","args":[{"property":"name"},"开州区%"]}]}""", "name NOT LIKE '开州区%'"),
        new("like one character", "townships", "name LIKE '__镇'",
            """{"op":"like","args":[{"property":"name"},"__镇"]}""", "name LIKE '__镇'"),
        new("between", "projects", "investment_wan BETWEEN 3000 AND 12000",
            """{"op":"between","args":[{"property":"investment_wan"},3000,12000]}""", "investment_wan BETWEEN 3000 AND 12000"),
        new("not between", "projects", "investment_wan NOT BETWEEN 3000 AND 12000",
            """{"op":"not","args":[{"op":"between","args":[{"property":"investment_wan"},3000,12000]}]}""", "investment_wan NOT BETWEEN 3000 AND 12000"),
        new("in", "projects", "category IN ('employment', 'industry')",
            """{"op":"in","args":[{"property":"category"},["employment","industry"]]}""", "category IN ('employment', 'industry')"),
        new("not in", "projects", "id NOT IN (1, 2, 3)",
            """{"op":"not","args":[{"op":"in","args":[{"property":"id"},[1,2,3]]}]}""", "id NOT IN (1, 2, 3)"),
        new("is null", "projects", "stated_area_m2 IS NULL",
            """{"op":"isNull","args":[{"property":"stated_area_m2"}]}""", "stated_area_m2 IS NULL"),
        new("is not null", "projects", "stated_area_m2 IS NOT NULL",
            """{"op":"not","args":[{"op":"isNull","args":[{"property":"stated_area_m2"}]}]}""", "stated_area_m2 IS NOT NULL"),
        new("null comparison selects nothing", "zones", "capacity_households > 0 OR kind = 'resettlement'",
            """{"op":"or","args":[{"op":">","args":[{"property":"capacity_households"},0]},{"op":"=","args":[{"property":"kind"},"resettlement"]}]}""",
            "capacity_households > 0 OR kind = 'resettlement'"),
        new("casei", "facilities", "CASEI(kind) = CASEI('SCHOOL')",
            """{"op":"=","args":[{"op":"casei","args":[{"property":"kind"}]},{"op":"casei","args":["SCHOOL"]}]}""", "lower(kind) = lower('SCHOOL')"),
        new("boolean", "townships", "illustrative = FALSE",
            """{"op":"=","args":[{"property":"illustrative"},false]}""", "illustrative = false"),
        new("text order by code point", "townships", "name < '巫山镇'",
            """{"op":"<","args":[{"property":"name"},"巫山镇"]}""", "name COLLATE \"C\" < '巫山镇'"),
        new("date", "milestones", "due_date < DATE('2024-07-01')",
            """{"op":"<","args":[{"property":"due_date"},{"date":"2024-07-01"}]}""", "due_date < DATE '2024-07-01'"),
        new("property to property", "projects", "end_year > start_year",
            """{"op":">","args":[{"property":"end_year"},{"property":"start_year"}]}""", "end_year > start_year"),
        new("arithmetic", "projects", "investment_wan / 10000 > 3",
            """{"op":">","args":[{"op":"/","args":[{"property":"investment_wan"},10000]},3]}""", "investment_wan / 10000 > 3"),
        new("arithmetic precedence", "projects", "end_year - start_year * 1 >= 2",
            """{"op":">=","args":[{"op":"-","args":[{"property":"end_year"},{"op":"*","args":[{"property":"start_year"},1]}]},2]}""",
            "end_year - start_year >= 2"),
        new("arithmetic on integers is not integer division", "relocation_flows", "persons / households > 3",
            """{"op":">","args":[{"op":"/","args":[{"property":"persons"},{"property":"households"}]},3]}""",
            "persons::float8 / households > 3"),
        new("modulo", "relocation_flows", "households % 7 = 0",
            """{"op":"=","args":[{"op":"%","args":[{"property":"households"},7]},0]}""", "households % 7 = 0"),
        // CQL2 leaves % on non-integers to the implementation; ours is a − b·trunc(a / b) in double precision, which
        // selects 38 of the 94 parcels here, where .NET's exact % would select 44 and PostgreSQL's numeric mod none.
        new("modulo of non-integers", "parcels", "area_m2 % 0.1 > 0.05",
            """{"op":">","args":[{"op":"%","args":[{"property":"area_m2"},0.1]},0.05]}""",
            "area_m2::float8 - 0.1::float8 * trunc(area_m2::float8 / 0.1::float8) > 0.05"),
        new("intersects polygon", "projects", $"S_INTERSECTS(geometry, {CityPolygon})",
            $$"""{"op":"s_intersects","args":[{"property":"geometry"},{{CityPolygonJson}}]}""",
            $"ST_Intersects(geom, ST_GeomFromText('{CityPolygon}', 4490))"),
        new("intersects bbox", "parcels", "S_INTERSECTS(geometry, BBOX(108.36, 31.14, 108.46, 31.21))",
            """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[108.36,31.14,108.46,31.21]}]}""",
            "ST_Intersects(geom, ST_MakeEnvelope(108.36, 31.14, 108.46, 31.21, 4490))"),
        new("intersects line", "zones", "S_INTERSECTS(geom, LINESTRING(108.2 31.1, 108.6 31.2))",
            """{"op":"s_intersects","args":[{"property":"geom"},{"type":"LineString","coordinates":[[108.2,31.1],[108.6,31.2]]}]}""",
            "ST_Intersects(geom, ST_GeomFromText('LINESTRING(108.2 31.1, 108.6 31.2)', 4490))"),
        new("within", "facilities", $"S_WITHIN(geometry, {CityPolygon})",
            $$"""{"op":"s_within","args":[{"property":"geometry"},{{CityPolygonJson}}]}""",
            $"ST_Within(geom, ST_GeomFromText('{CityPolygon}', 4490))"),
        new("contains point", "zones", "S_CONTAINS(geometry, POINT(108.4087008 31.1697942))",
            """{"op":"s_contains","args":[{"property":"geometry"},{"type":"Point","coordinates":[108.4087008,31.1697942]}]}""",
            "ST_Contains(geom, ST_SetSRID(ST_Point(108.4087008, 31.1697942), 4490))"),
        new("disjoint", "townships", $"S_DISJOINT(geometry, {EastPolygon})",
            """{"op":"s_disjoint","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[108.5,30.8],[108.9,30.8],[108.9,31.7],[108.5,31.7],[108.5,30.8]]]}]}""",
            $"ST_Disjoint(geom, ST_GeomFromText('{EastPolygon}', 4490))"),
        new("spatial and attributes", "constraints", $"kind = 'permanent_farmland' AND NOT S_INTERSECTS(geometry, {CityPolygon})",
            $$"""{"op":"and","args":[{"op":"=","args":[{"property":"kind"},"permanent_farmland"]},{"op":"not","args":[{"op":"s_intersects","args":[{"property":"geometry"},{{CityPolygonJson}}]}]}]}""",
            $"kind = 'permanent_farmland' AND NOT ST_Intersects(geom, ST_GeomFromText('{CityPolygon}', 4490))"),
    ];

    public static TheoryData<Cql2Case> Data() => [.. All];
}
