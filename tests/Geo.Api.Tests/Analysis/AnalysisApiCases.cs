using System.Net.Http.Json;

namespace Geo.Api.Tests.Analysis;

/// <summary>The analysis endpoints over HTTP on both stores: formats, problem+json for bad input, reports.</summary>
public abstract class AnalysisApiCases(WebApplicationFactory<Program> factory)
{
    private const string Puli = """{"type":"Polygon","coordinates":[[[108.235,30.952],[108.432,30.952],[108.432,31.10],[108.33,31.105],[108.235,31.0],[108.235,30.952]]]}""";
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Writes need an editor account (issue 13); reads stay anonymous.</summary>
    private Task<HttpClient> EditorAsync() => factory.CreateClient().AuthorizeAsync(factory.Services, Role.Editor);

    [Fact]
    public async Task Projects_in_a_drawn_polygon_around_Puli_sum_to_the_summary_total()
    {
        var json = await PostJsonAsync("/api/analysis/projects-in-area", $$"""{"geometry":{{Puli}}}""");

        var features = json.GetProperty("projects").GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        Assert.Equal(features.Count, json.GetProperty("summary").GetProperty("count").GetInt32());
        Assert.Equal(
            features.Sum(f => f.GetProperty("properties").GetProperty("investment_wan").GetDouble()),
            json.GetProperty("summary").GetProperty("totalWan").GetDouble(), 0.01);
        Assert.Contains("示意", json.GetProperty("dataNote").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_area_in_EPSG_4545_metres_finds_the_same_projects()
    {
        // A box in EPSG:4545 metres around project 5 (easting 529291–530873, northing 3430937–3432316).
        var lonLat = await PostJsonAsync("/api/analysis/projects-in-area", """{"geometry":{"type":"Polygon","coordinates":[[[108.30,30.99],[108.33,30.99],[108.33,31.02],[108.30,31.02],[108.30,30.99]]]},"crs":"EPSG:4490"}""");
        var metres = await PostJsonAsync("/api/analysis/projects-in-area",
            """{"geometry":{"type":"Polygon","coordinates":[[[528500,3430000],[531500,3430000],[531500,3433000],[528500,3433000],[528500,3430000]]]},"crs":"EPSG:4545"}""");

        Assert.Contains(5, Ids(lonLat));
        Assert.Contains(5, Ids(metres));
    }

    [Fact]
    public async Task Csv_download_is_UTF8_with_a_BOM_for_Excel()
    {
        var response = await _client.PostAsync("/api/analysis/projects-in-area?f=csv", Json("""{"zoneId":2}"""));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("id,name,category_name", text, StringComparison.Ordinal);
        Assert.Contains("高新区长沙组团城中村改造项目", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeoJson_download_is_a_feature_collection_with_the_figures()
    {
        var response = await _client.PostAsync("/api/analysis/projects-in-area?f=geojson", Json("""{"zoneId":2}"""));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FeatureCollection", json.GetProperty("type").GetString());
        var feature = json.GetProperty("features")[0];
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        Assert.True(feature.GetProperty("properties").TryGetProperty("apportioned_investment_wan", out _));
    }

    [Fact]
    public async Task The_printable_report_has_a_map_the_figures_the_date_and_the_data_note()
    {
        var response = await _client.PostAsync("/api/analysis/projects-in-area?f=html", Json("""{"zoneId":2}"""));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("示意", html, StringComparison.Ordinal);
        Assert.Contains("生成时间", html, StringComparison.Ordinal);
        Assert.Contains("数据来源", html, StringComparison.Ordinal);
        Assert.Contains("高新区长沙组团城中村改造项目", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_map_draws_the_district_outline_and_names_the_townships_in_its_frame()
    {
        // 汉丰街道's seat is the centre of its 3 km query area; 雪宝山镇 lies some 59 km away, outside the frame.
        var response = await _client.PostAsync("/api/analysis/projects-in-area?f=html", Json("""{"townshipCode":"500154001","bufferM":3000}"""));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Matches("<text [^>]*>汉丰街道</text>", html);
        Assert.DoesNotMatch("<text [^>]*>雪宝山镇</text>", html);
        Assert.Contains("stroke-dasharray:8 3 2 3", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_intersecting_polygon_is_repaired_and_the_response_says_so()
    {
        var json = await PostJsonAsync("/api/analysis/projects-in-area",
            """{"geometry":{"type":"Polygon","coordinates":[[[108.30,31.10],[108.32,31.12],[108.32,31.10],[108.30,31.12],[108.30,31.10]]]}}""");

        Assert.Contains(json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("make-valid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_area_outside_the_district_is_empty_with_a_note()
    {
        var json = await PostJsonAsync("/api/analysis/projects-in-area", """{"geometry":{"type":"Polygon","coordinates":[[[90,30],[90.1,30],[90.1,30.1],[90,30]]]}}""");

        Assert.Empty(json.GetProperty("projects").GetProperty("features").EnumerateArray());
        Assert.Contains(json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("区界之外", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"zoneId":999}""", HttpStatusCode.NotFound, "zoneId")]
    [InlineData("""{"townshipCode":"500154999","bufferM":500}""", HttpStatusCode.NotFound, "townshipCode")]
    [InlineData("""{"geometry":{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1]]]}}""", HttpStatusCode.BadRequest, "geometry")]
    [InlineData("""{"geometry":{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1],[108.4,31.2],[108.3,31.1]]]},"crs":"EPSG:3857"}""", HttpStatusCode.BadRequest, "crs")]
    [InlineData("""{"geometry":{"type":"Polygon","coordinates":[[[430000,3435000],[434000,3435000],[434000,3440000],[430000,3435000]]]}}""", HttpStatusCode.BadRequest, "geometry")]
    [InlineData("""{"zoneId":2,"townshipCode":"500154001"}""", HttpStatusCode.BadRequest, "area")]
    [InlineData("""{"zoneId":2,"funding":"外资"}""", HttpStatusCode.BadRequest, "funding")]
    public async Task Bad_input_is_answered_with_problem_json_naming_the_parameter(string body, HttpStatusCode status, string parameter)
    {
        var response = await _client.PostAsync("/api/analysis/projects-in-area", Json(body));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Compliance_of_project_5_is_a_conflict_with_farmland_and_prints_a_report()
    {
        var json = await GetJsonAsync("/api/analysis/compliance/projects/5");
        var html = await _client.GetStringAsync("/api/analysis/compliance/projects/5?f=html");

        Assert.Equal("存在冲突", json.GetProperty("verdict").GetString());
        var farmland = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "permanent_farmland");
        Assert.True(farmland.GetProperty("area").GetProperty("squareMetres").GetDouble() > 1000);
        Assert.True(farmland.GetProperty("area").TryGetProperty("mu", out _));
        Assert.Contains("结论：存在冲突", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_of_a_site_drawn_across_farmland_reports_the_conflict()
    {
        var json = await PostJsonAsync("/api/analysis/compliance",
            """{"geometry":{"type":"Polygon","coordinates":[[[108.312,30.988],[108.327,30.988],[108.327,30.998],[108.312,30.998],[108.312,30.988]]]}}""");

        Assert.Equal("存在冲突", json.GetProperty("verdict").GetString());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "permanent_farmland"
            && f.GetProperty("area").GetProperty("squareMetres").GetDouble() > 1000);
    }

    [Fact]
    public async Task Compliance_of_a_site_drawn_outside_the_district_is_empty_with_a_note_not_a_conflict()
    {
        var json = await PostJsonAsync("/api/analysis/compliance", """{"geometry":{"type":"Polygon","coordinates":[[[90,30],[90.1,30],[90.1,30.1],[90,30]]]}}""");

        Assert.Empty(json.GetProperty("findings").EnumerateArray());
        Assert.Equal("不在开州区内", json.GetProperty("verdict").GetString());
        Assert.Contains(json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("区界之外", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compliance_of_an_unknown_feature_is_404_problem_json()
    {
        var response = await _client.GetAsync("/api/analysis/compliance/projects/999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Overlay_returns_per_class_rows_and_intersection_geometries()
    {
        var json = await PostJsonAsync("/api/analysis/overlay", """{"collection":"zones","ids":[13],"layers":[{"layer":"constraints"},{"layer":"parcels"}]}""");
        var geojson = JsonDocument.Parse(await (await _client.PostAsync("/api/analysis/overlay?f=geojson",
            Json("""{"collection":"zones","ids":[13],"layers":[{"layer":"constraints"}]}"""))).Content.ReadAsStringAsync()).RootElement;

        var layers = json.GetProperty("subjects")[0].GetProperty("layers");
        Assert.Contains(layers[0].GetProperty("classes").EnumerateArray(), c => c.GetProperty("class").GetString() == "geohazard");
        Assert.NotEmpty(layers[1].GetProperty("classes").EnumerateArray());
        Assert.Equal("FeatureCollection", geojson.GetProperty("type").GetString());
        Assert.NotEmpty(geojson.GetProperty("features").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"collection":"zones","ids":[13],"layers":[{"layer":"roads"}]}""", HttpStatusCode.BadRequest, "layers")]
    [InlineData("""{"collection":"zones","ids":[13]}""", HttpStatusCode.BadRequest, "layers")]
    [InlineData("""{"collection":"zones","ids":[999],"layers":[{"layer":"parcels"}]}""", HttpStatusCode.NotFound, "id")]
    [InlineData("""{"collection":"dams","ids":[1],"layers":[{"layer":"parcels"}]}""", HttpStatusCode.NotFound, "collection")]
    [InlineData("""{"collection":"indicators","ids":[1],"layers":[{"layer":"parcels"}]}""", HttpStatusCode.BadRequest, "collection")]
    [InlineData("""{"layers":[{"layer":"parcels"}]}""", HttpStatusCode.BadRequest, "subject")]
    public async Task Bad_overlay_requests_are_answered_with_problem_json(string body, HttpStatusCode status, string parameter)
    {
        var response = await _client.PostAsync("/api/analysis/overlay", Json(body));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Overlay_of_a_polygon_outside_the_district_is_empty_with_a_note()
    {
        var json = await PostJsonAsync("/api/analysis/overlay",
            """{"geometry":{"type":"Polygon","coordinates":[[[90,30],[90.1,30],[90.1,30.1],[90,30]]]},"layers":[{"layer":"constraints"}]}""");

        Assert.Empty(json.GetProperty("subjects")[0].GetProperty("layers")[0].GetProperty("classes").EnumerateArray());
        Assert.Contains(json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("区界之外", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("POST", "/api/analysis/overlay", """{"geometry":{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1]]]},"layers":[{"layer":"constraints"}]}""", HttpStatusCode.BadRequest, "geometry")]
    [InlineData("POST", "/api/analysis/overlay", """{"geometry":{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1],[108.4,31.2],[108.3,31.1]]]},"crs":"EPSG:3857","layers":[{"layer":"constraints"}]}""", HttpStatusCode.BadRequest, "crs")]
    [InlineData("POST", "/api/analysis/compliance", """{"geometry":{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1]]]}}""", HttpStatusCode.BadRequest, "geometry")]
    [InlineData("POST", "/api/analysis/compliance", """{"geometry":{"type":"Polygon","coordinates":[[[108.3,31.1],[108.4,31.1],[108.4,31.2],[108.3,31.1]]]},"crs":"EPSG:3857"}""", HttpStatusCode.BadRequest, "crs")]
    [InlineData("POST", "/api/analysis/compliance", """{"crs":"EPSG:4490"}""", HttpStatusCode.BadRequest, "geometry")]
    [InlineData("GET", "/api/analysis/compliance/dams/1", null, HttpStatusCode.NotFound, "collection")]
    [InlineData("GET", "/api/analysis/compliance/projects/999", null, HttpStatusCode.NotFound, "id")]
    [InlineData("GET", "/api/analysis/living-circle?zone=999", null, HttpStatusCode.NotFound, "zone")]
    [InlineData("GET", "/api/analysis/living-circle?distance_m=0", null, HttpStatusCode.BadRequest, "distance_m")]
    [InlineData("GET", "/api/flows/summary?group_by=colour", null, HttpStatusCode.BadRequest, "group_by")]
    [InlineData("PUT", "/api/indicators/99/actuals", """{"value":1,"asOf":"2025-06-30"}""", HttpStatusCode.NotFound, "id")]
    [InlineData("PUT", "/api/indicators/8/actuals", """{"value":100,"asOf":"30/06/2025"}""", HttpStatusCode.BadRequest, "asOf")]
    public async Task Bad_input_to_every_other_analysis_endpoint_is_problem_json_naming_the_parameter(
        string method, string url, string? body, HttpStatusCode status, string parameter)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : Json(body) };
        var response = await (method == "PUT" ? await EditorAsync() : _client).SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("/api/analysis/overlay", """{"geometry":{"type":"Polygon","coordinates":[[[108.30,31.10],[108.32,31.12],[108.32,31.10],[108.30,31.12],[108.30,31.10]]]},"layers":[{"layer":"constraints"}]}""")]
    [InlineData("/api/analysis/compliance", """{"geometry":{"type":"Polygon","coordinates":[[[108.30,31.10],[108.32,31.12],[108.32,31.10],[108.30,31.12],[108.30,31.10]]]}}""")]
    public async Task A_self_intersecting_drawn_polygon_is_repaired_and_reported_by_every_drawing_endpoint(string url, string body)
    {
        var json = await PostJsonAsync(url, body);

        Assert.Contains(json.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("make-valid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Constraint_conflicts_list_farmland_in_the_redline()
    {
        var json = await GetJsonAsync("/api/analysis/constraint-conflicts");

        Assert.Contains(json.GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("idA").GetInt64() == 6 && c.GetProperty("idB").GetInt64() == 10);
    }

    [Fact]
    public async Task Flow_summary_warns_that_Yuexi_is_over_capacity_and_rejects_an_unknown_grouping()
    {
        var json = await GetJsonAsync("/api/flows/summary?group_by=year");
        var bad = await _client.GetAsync("/api/flows/summary?group_by=colour");

        var yuexi = json.GetProperty("resettlementAreas").EnumerateArray().Single(a => a.GetProperty("zoneId").GetInt64() == 13);
        Assert.True(yuexi.GetProperty("overCapacity").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Living_circle_reports_the_Yuexi_childcare_gap_and_404_for_an_unknown_zone()
    {
        var json = await GetJsonAsync("/api/analysis/living-circle?zone=13&distance_m=1000");
        var unknown = await _client.GetAsync("/api/analysis/living-circle?zone=999");

        Assert.Contains("托育", json.GetProperty("areas")[0].GetProperty("gaps").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_recorded_actual_is_201_and_becomes_the_latest_value()
    {
        var editor = await EditorAsync();
        var created = await editor.PutAsync("/api/indicators/8/actuals", Json("""{"value":100,"asOf":"2025-06-30","note":"城管局报送"}"""));
        var badDate = await editor.PutAsync("/api/indicators/8/actuals", Json("""{"value":100,"asOf":"30/06/2025"}"""));
        var unknown = await editor.PutAsync("/api/indicators/99/actuals", Json("""{"value":1,"asOf":"2025-06-30"}"""));
        var indicators = await GetJsonAsync("/api/indicators");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var row = indicators.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == 8);
        Assert.Equal(100, row.GetProperty("latestValue").GetDouble());
        Assert.Equal("达标", row.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/indicators?f=csv")]
    [InlineData("/api/flows/summary?f=csv")]
    [InlineData("/api/analysis/living-circle?f=csv")]
    [InlineData("/api/analysis/constraint-conflicts?f=csv")]
    [InlineData("/api/analysis/compliance/zones/13?f=csv")]
    public async Task Every_result_downloads_as_CSV_with_a_BOM(string url)
    {
        var bytes = await _client.GetByteArrayAsync(url);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
    }

    [Theory]
    [InlineData("/api/indicators?f=geojson")]
    [InlineData("/api/flows/summary?f=geojson")]
    [InlineData("/api/analysis/living-circle?f=geojson")]
    [InlineData("/api/analysis/constraint-conflicts?f=geojson")]
    [InlineData("/api/analysis/compliance/zones/13?f=geojson")]
    public async Task Every_result_downloads_as_GeoJSON(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FeatureCollection", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static List<long> Ids(JsonElement result) =>
        result.GetProperty("projects").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToList();

    private async Task<JsonElement> PostJsonAsync(string url, string body)
    {
        var response = await _client.PostAsync(url, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed class EmbeddedAnalysisApiTests(EmbeddedServiceFactory factory) : AnalysisApiCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisAnalysisApiTests(PostGisServiceFactory factory) : AnalysisApiCases(factory), IClassFixture<PostGisServiceFactory>;
