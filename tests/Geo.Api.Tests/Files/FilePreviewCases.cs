using static Geo.Api.Tests.Analysis.RedLineFiles;

namespace Geo.Api.Tests.Files;

/// <summary>
/// POST /api/files/preview on both stores: a 报盘 TXT comes back in CGCS2000 lon/lat where PROJ puts it, with its CRS;
/// an invalid polygon is repaired and the repair named; a 地块 outside 开州区 is a warning; a bad file a 400 naming the field.
/// </summary>
public abstract class FilePreviewCases(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_TXT_red_line_is_answered_in_lon_lat_where_PROJ_puts_its_corners_with_its_CRS()
    {
        var json = await PreviewAsync(Upload(Gbk(Txt()), "红线.txt"));

        Assert.Equal(4524, json.GetProperty("crs").GetProperty("epsg").GetInt32());
        Assert.Equal("BaopanTxt", json.GetProperty("format").GetString());
        Assert.Empty(json.GetProperty("repairs").EnumerateArray());
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
        var feature = Assert.Single(json.GetProperty("features").GetProperty("features").EnumerateArray());
        Assert.Equal("某项目红线", feature.GetProperty("properties").GetProperty("地块名称").GetString());
        var rings = feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToList();
        Assert.Equal(2, rings.Count);
        var corners = rings.SelectMany(r => r.EnumerateArray()).Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        foreach (var (e, n) in Site.SelectMany(r => r))
        {
            var (lon, lat) = await Proj.Zone36ToLonLatAsync(36_000_000 + e, n);
            // 1e-7 degrees is about 1 cm here.
            Assert.Contains(corners, c => Math.Abs(c.Lon - lon) < 1e-7 && Math.Abs(c.Lat - lat) < 1e-7);
        }
    }

    [Fact]
    public async Task A_self_crossing_polygon_is_repaired_and_the_repair_is_named_with_its_row()
    {
        const string bowtie = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"蝴蝶形\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.40,31.17],[108.41,31.18],[108.41,31.17],[108.40,31.18],[108.40,31.17]]]}}]}";
        var json = await PreviewAsync(Upload(Encoding.UTF8.GetBytes(bowtie), "bowtie.geojson"));

        var repair = Assert.Single(json.GetProperty("repairs").EnumerateArray()).GetString();
        Assert.Contains("第 1 行", repair, StringComparison.Ordinal);
        Assert.Contains("make-valid", repair, StringComparison.Ordinal);
        var geometry = Assert.Single(json.GetProperty("features").GetProperty("features").EnumerateArray()).GetProperty("geometry");
        Assert.Equal("MultiPolygon", geometry.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_parcel_outside_the_district_is_drawn_with_a_warning_not_refused()
    {
        var json = await PreviewAsync(Upload(Gbk(Txt("2000国家大地坐标系", ("区外地块", OutsideDistrict))), "区外.txt"));

        Assert.Single(json.GetProperty("features").GetProperty("features").EnumerateArray());
        var warning = Assert.Single(json.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains("不在开州区内", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TXT_whose_point_count_differs_from_its_header_is_a_400_naming_the_file_field()
    {
        var response = await _client.PostAsync("/api/files/preview", Upload(Gbk(Txt().Replace("10,104", "11,104", StringComparison.Ordinal)), "红线.txt"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("file", problem.GetProperty("parameter").GetString());
        Assert.Contains("界址点数", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> PreviewAsync(HttpContent content)
    {
        var response = await _client.PostAsync("/api/files/preview", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}

public sealed class EmbeddedFilePreviewTests(EmbeddedServiceFactory factory) : FilePreviewCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisFilePreviewTests(PostGisServiceFactory factory) : FilePreviewCases(factory), IClassFixture<PostGisServiceFactory>;
