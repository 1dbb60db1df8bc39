using System.Globalization;
using System.Net.Http.Json;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// OGC API – Features Parts 2 and 3 over HTTP, on both stores: filters, search, sorting, property selection,
/// datetime, CRS, CSV, caching and compression. Expected answers come from hand-written SQL on PostGIS.
/// </summary>
public abstract class OgcApiQueryCases(ServiceFactory factory)
{
    private const string PuliFilter = "S_INTERSECTS(geometry, POLYGON((108.24 30.95, 108.43 30.95, 108.43 31.10, 108.24 31.10, 108.24 30.95)))";
    private const string PuliSql = "ST_Intersects(geom, ST_GeomFromText('POLYGON((108.24 30.95, 108.43 30.95, 108.43 31.10, 108.24 31.10, 108.24 30.95))', 4490))";

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> GeoJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<long> Ids(JsonElement collection) =>
        collection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task Conformance_declares_filter_crs_and_cql2_classes()
    {
        var classes = (await GeoJsonAsync("/ogcapi/conformance")).GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()).ToList();

        foreach (var suffix in new[] { "features-2/1.0/conf/crs", "features-3/1.0/conf/filter", "features-3/1.0/conf/features-filter", "features-3/1.0/conf/queryables",
                     "cql2/1.0/conf/cql2-text", "cql2/1.0/conf/cql2-json", "cql2/1.0/conf/basic-cql2", "cql2/1.0/conf/advanced-comparison-operators",
                     "cql2/1.0/conf/case-insensitive-comparison", "cql2/1.0/conf/basic-spatial-functions", "cql2/1.0/conf/spatial-functions",
                     "cql2/1.0/conf/property-property", "cql2/1.0/conf/arithmetic", "features-1/1.0/conf/oas30" })
        {
            Assert.Contains(classes, c => c!.EndsWith(suffix, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Queryables_describe_every_property_with_its_type_and_codes()
    {
        var schema = await GeoJsonAsync("/ogcapi/collections/projects/queryables");
        var properties = schema.GetProperty("properties");

        Assert.Equal("number", properties.GetProperty("investment_wan").GetProperty("type").GetString());
        Assert.Equal("计划总投资（万元）", properties.GetProperty("investment_wan").GetProperty("title").GetString());
        Assert.Equal(["政府", "市场"], properties.GetProperty("funding").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("integer", properties.GetProperty("start_year").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_cql2_text_filter_selects_what_SQL_selects()
    {
        var expected = await factory.Reference.IdsAsync("SELECT id FROM projects WHERE investment_wan >= 20000 AND funding = '政府' ORDER BY id");

        var page = await GeoJsonAsync("/ogcapi/collections/projects/items?filter=" + Uri.EscapeDataString("investment_wan >= 20000 AND funding = '政府'"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(page));
        Assert.Equal(expected.Count, page.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task A_cql2_json_filter_in_the_url_and_a_POST_search_agree_with_SQL()
    {
        var expected = await factory.Reference.IdsAsync($"SELECT id FROM projects WHERE {PuliSql} ORDER BY id");
        const string json = """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[108.24,30.95],[108.43,30.95],[108.43,31.10],[108.24,31.10],[108.24,30.95]]]}]}""";

        var viaUrl = Ids(await GeoJsonAsync("/ogcapi/collections/projects/items?filter-lang=cql2-json&filter=" + Uri.EscapeDataString(json)));
        var post = await _client.PostAsync("/ogcapi/collections/projects/search", new StringContent(json, Encoding.UTF8, "application/json"));
        var viaPost = Ids(JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement);
        var wrapped = await _client.PostAsync("/ogcapi/collections/projects/search?limit=2",
            new StringContent($$"""{"filter": {{json}}, "sortby": "-investment_wan"}""", Encoding.UTF8, "application/json"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, viaUrl);
        Assert.Equal(expected, viaPost);
        Assert.Equal(2, JsonDocument.Parse(await wrapped.Content.ReadAsStringAsync()).RootElement.GetProperty("numberReturned").GetInt32());
    }

    [Fact]
    public async Task A_property_parameter_filters_by_equality()
    {
        var expected = await factory.Reference.IdsAsync("SELECT id FROM projects WHERE funding = '市场' ORDER BY id");

        Assert.Equal(expected, Ids(await GeoJsonAsync("/ogcapi/collections/projects/items?funding=" + Uri.EscapeDataString("市场"))));
    }

    [Fact]
    public async Task Sortby_orders_by_several_keys()
    {
        var expected = await factory.Reference.IdsAsync("SELECT id FROM projects ORDER BY funding COLLATE \"C\" DESC, investment_wan ASC, id");

        Assert.Equal(expected, Ids(await GeoJsonAsync("/ogcapi/collections/projects/items?sortby=-funding,+investment_wan")));
    }

    [Fact]
    public async Task Properties_limits_the_returned_properties()
    {
        var page = await GeoJsonAsync("/ogcapi/collections/projects/items?limit=3&properties=name,investment_wan");

        Assert.All(page.GetProperty("features").EnumerateArray(), f =>
            Assert.Equal(["name", "investment_wan"], f.GetProperty("properties").EnumerateObject().Select(p => p.Name)));
    }

    [Theory]
    [InlineData("2026", "start_year <= 2026 AND end_year >= 2026")]
    [InlineData("2020-01-01/2022-12-31", "start_year <= 2022 AND end_year >= 2020")]
    [InlineData("../2022-06-30", "start_year <= 2022")]
    [InlineData("2025-03-01T00:00:00Z/..", "end_year >= 2025")]
    public async Task Datetime_selects_projects_under_construction_then(string datetime, string sql)
    {
        var expected = await factory.Reference.IdsAsync($"SELECT id FROM projects WHERE {sql} ORDER BY id");

        Assert.Equal(expected, Ids(await GeoJsonAsync("/ogcapi/collections/projects/items?datetime=" + Uri.EscapeDataString(datetime))));
    }

    [Theory]
    [InlineData("EPSG:4545", 4545)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4490", 4490)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3857", 3857)]
    public async Task A_point_in_another_CRS_equals_PostGIS_ST_Transform_in_EPSG_axis_order(string crs, int srid)
    {
        var response = await _client.GetAsync($"/ogcapi/collections/townships/items/500154001?crs={Uri.EscapeDataString(crs)}");
        var feature = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var coordinates = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
        var (x, y) = await factory.Reference.PointAsync($"SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(geom, {srid}) g FROM townships WHERE id = 500154001) t");

        Assert.Equal($"<http://www.opengis.net/def/crs/EPSG/0/{srid}>", response.Headers.GetValues("Content-Crs").Single());
        // EPSG:4490 is latitude first and EPSG:4545 northing first; PostGIS keeps x = easting/longitude.
        var (first, second) = srid == 3857 ? (x, y) : (y, x);
        Assert.Equal(first, coordinates[0], 0.001);
        Assert.Equal(second, coordinates[1], 0.001);
    }

    [Theory]
    [InlineData("crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FOGC%2F1.3%2FCRS84", "geom", 7)]
    [InlineData("crs=EPSG:4545", "ST_FlipCoordinates(ST_Transform(geom, 4545))", 3)]
    [InlineData("precision=4", "geom", 4)]
    [InlineData("crs=EPSG:4545&precision=0", "ST_FlipCoordinates(ST_Transform(geom, 4545))", 0)]
    public async Task Coordinates_are_written_to_the_precision_of_the_data_and_no_further(string parameters, string sqlGeometry, int decimals)
    {
        var page = await GeoJsonAsync($"/ogcapi/collections/parcels/items?limit=10000&{parameters}");
        var expectedJson = await factory.Reference.TextAsync(
            $"SELECT json_object_agg(id, ST_AsGeoJSON({sqlGeometry}, 15)::json -> 'coordinates')::text FROM parcels");
        var expected = JsonDocument.Parse(expectedJson).RootElement;
        var tolerance = (0.5 * Math.Pow(10, -decimals)) + 1e-9;

        var compared = 0;
        foreach (var feature in page.GetProperty("features").EnumerateArray())
        {
            // Compared as sorted positions: the GeoJSON writer may turn rings to the RFC 7946 orientation.
            var actual = Positions(feature.GetProperty("geometry").GetProperty("coordinates"), decimals);
            var stored = Positions(expected.GetProperty(feature.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)), decimals);
            Assert.Equal(stored.Count, actual.Count);
            foreach (var (number, reference) in actual.Zip(stored).SelectMany(p => new[] { (p.First[0], p.Second[0]), (p.First[1], p.Second[1]) }))
            {
                var text = number.GetRawText();
                var fraction = text.Contains('.', StringComparison.Ordinal) ? text[(text.IndexOf('.', StringComparison.Ordinal) + 1)..] : "";
                Assert.True(fraction.Length <= decimals && !fraction.EndsWith('0'), $"{text} has more than {decimals} decimals or a trailing zero");
                Assert.Equal(reference.GetDouble(), number.GetDouble(), tolerance);
                compared++;
            }
        }

        Assert.True(compared > 500, $"only {compared} coordinates compared");
    }

    /// <summary>Sorted by the position rounded as the server rounds, so that both sides sort alike.</summary>
    private static List<JsonElement[]> Positions(JsonElement element, int decimals) =>
    [
        .. PositionsOf(element)
            .OrderBy(p => Math.Round(p[0].GetDouble(), decimals, MidpointRounding.AwayFromZero))
            .ThenBy(p => Math.Round(p[1].GetDouble(), decimals, MidpointRounding.AwayFromZero)),
    ];

    private static IEnumerable<JsonElement[]> PositionsOf(JsonElement element) =>
        element[0].ValueKind == JsonValueKind.Number ? [[element[0], element[1]]] : element.EnumerateArray().SelectMany(PositionsOf);

    [Fact]
    public async Task A_bbox_in_EPSG_4545_selects_what_SQL_selects()
    {
        var (e1, n1) = await factory.Reference.PointAsync("SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID(ST_Point(108.36, 31.14), 4490), 4545) g) t");
        var (e2, n2) = await factory.Reference.PointAsync("SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID(ST_Point(108.46, 31.21), 4490), 4545) g) t");
        var expected = await factory.Reference.IdsAsync(
            $"SELECT id FROM facilities WHERE ST_Intersects(ST_Transform(geom, 4545), ST_MakeEnvelope({e1}, {n1}, {e2}, {n2}, 4545)) ORDER BY id");

        // Northing first, as EPSG:4545 orders its axes.
        var page = await GeoJsonAsync(FormattableString.Invariant($"/ogcapi/collections/facilities/items?bbox-crs=EPSG:4545&bbox={n1},{e1},{n2},{e2}"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(page));
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_lowered_and_said_so()
    {
        var page = await GeoJsonAsync("/ogcapi/collections/parcels/items?limit=20000");

        Assert.Contains("lowered to the maximum 10000", page.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(page.GetProperty("numberMatched").GetInt32(), page.GetProperty("numberReturned").GetInt32());
    }

    [Fact]
    public async Task Csv_opens_in_Excel_with_Chinese_and_WKT()
    {
        var response = await _client.GetAsync("/ogcapi/collections/projects/items?f=csv&limit=100");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("id,name,owner,funding,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",wkt", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal(35, lines.Length - 1);
        Assert.Contains(lines, l => l.Contains("丰乐片区城中村改造项目", StringComparison.Ordinal) && l.Contains("MULTIPOLYGON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unchanged_page_is_not_sent_twice()
    {
        var first = await _client.GetAsync("/ogcapi/collections/zones/items");
        var etag = first.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/ogcapi/collections/zones/items");
        again.Headers.IfNoneMatch.Add(etag!);
        var second = await _client.SendAsync(again);
        var other = await _client.GetAsync("/ogcapi/collections/zones/items?limit=2");

        Assert.NotNull(etag);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.NotEqual(etag, other.Headers.ETag);
    }

    [Fact]
    public async Task Responses_are_gzipped_and_closed_to_other_origins_by_default()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ogcapi/collections/parcels/items");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        request.Headers.Add("Origin", "http://qgis.example");
        var response = await _client.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        // CORS opens only by configuration (Cors:AllowedOrigins); Hosting/SecurityHeadersTests checks that it does.
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/ogcapi/collections/projects/items?bbox-crs=EPSG:9999&bbox=1,2,3,4", "bbox-crs", "not a supported CRS")]
    [InlineData("/ogcapi/collections/projects/items?crs=EPSG:4544", "crs", "not a supported CRS")]
    [InlineData("/ogcapi/collections/projects/items?filter=investment_wan%20%3E%20", "filter", "column")]
    [InlineData("/ogcapi/collections/projects/items?filter=budget%20%3E%205", "filter", "unknown property 'budget'")]
    [InlineData("/ogcapi/collections/projects/items?filter=name%20%3E%205", "filter", "type mismatch")]
    [InlineData("/ogcapi/collections/projects/items?filter-lang=ecql&filter=id=1", "filter-lang", "not a supported filter language")]
    [InlineData("/ogcapi/collections/projects/items?filter-lang=cql2-json&filter=%7B%22op%22%3A%22%3D%3D%22%7D", "filter", "args")]
    [InlineData("/ogcapi/collections/projects/items?sortby=budget", "sortby", "'budget'")]
    [InlineData("/ogcapi/collections/projects/items?properties=budget", "properties", "'budget'")]
    [InlineData("/ogcapi/collections/projects/items?datetime=yesterday", "datetime", "not a date")]
    [InlineData("/ogcapi/collections/zones/items?datetime=2024", "datetime", "has no time")]
    [InlineData("/ogcapi/collections/projects/items?budget=5", "budget", "neither a standard parameter")]
    [InlineData("/ogcapi/collections/projects/items?start_year=soon", "start_year", "not a valid")]
    [InlineData("/ogcapi/collections/projects/items?f=xml", "f", "not a supported format")]
    [InlineData("/ogcapi/collections/projects/items?resultType=count", "resultType", "not a result type")]
    [InlineData("/ogcapi/collections/projects/items?resultType=hits&f=csv", "resultType", "GeoJSON only")]
    [InlineData("/ogcapi/collections/projects/export?resultType=hits", "resultType", "has no pages")]
    [InlineData("/ogcapi/collections/projects/items?filter=S_INTERSECTS(geometry,POLYGON((108.30%2031.10,108.32%2031.12,108.32%2031.10,108.30%2031.12,108.30%2031.10)))", "filter", "is invalid")]
    [InlineData("/ogcapi/collections/projects/items?filter=S_INTERSECTS(geometry,POINT(108.3))", "filter", "")]
    [InlineData("/ogcapi/collections/projects/items?bbox-crs=EPSG:3857&bbox=0,1e300,1,1e301", "bbox", "lies outside")]
    [InlineData("/ogcapi/collections/projects/items?bbox-crs=EPSG:4545&bbox=500000,3400000,510000,3410000", "bbox", "lies outside")]
    [InlineData("/ogcapi/collections/projects/items?filter=investment_wan%20%5E%200.5%20%3E%20(0%20-%201)%20%5E%200.5", "filter", "")]
    public async Task Bad_input_gets_400_problem_json_naming_the_parameter(string url, string parameter, string detail)
    {
        var response = await _client.GetAsync(url);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_body_that_is_not_JSON_gets_400()
    {
        var response = await _client.PostAsync("/ogcapi/collections/projects/search", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("body", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parameter").GetString());
    }
}

public sealed class EmbeddedOgcApiQueryTests(EmbeddedServiceFactory factory) : OgcApiQueryCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisOgcApiQueryTests(PostGisServiceFactory factory) : OgcApiQueryCases(factory), IClassFixture<PostGisServiceFactory>;
