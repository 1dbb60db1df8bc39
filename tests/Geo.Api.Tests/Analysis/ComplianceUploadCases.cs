using System.IO.Compression;
using System.Net.Http.Json;
using static Geo.Api.Tests.Analysis.RedLineFiles;

namespace Geo.Api.Tests.Analysis;

/// <summary>
/// 合规性审查 of an uploaded file on both stores: a 报盘 TXT 红线 (zone-prefixed eastings, a hole, GBK) gives the same
/// figures as the same polygon posted as GeoJSON in EPSG:4545; bad uploads are 4xx problem+json naming the field.
/// </summary>
public abstract class ComplianceUploadCases(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task An_uploaded_TXT_red_line_gives_the_same_figures_as_the_same_polygon_posted_as_GeoJSON()
    {
        var drawn = await _client.PostAsync("/api/analysis/compliance", new StringContent(GeoJson(Site), Encoding.UTF8, "application/json"));
        var uploaded = await _client.PostAsync("/api/analysis/compliance", Upload(Gbk(Txt()), "红线.txt"));
        var expected = JsonDocument.Parse(await drawn.Content.ReadAsStringAsync()).RootElement;
        var text = await uploaded.Content.ReadAsStringAsync();
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, text);
        var json = JsonDocument.Parse(text).RootElement;

        Assert.Equal(4524, json.GetProperty("crs").GetProperty("epsg").GetInt32());
        var result = Assert.Single(json.GetProperty("results").EnumerateArray());
        Assert.Equal("某项目红线", result.GetProperty("subject").GetProperty("name").GetString());
        Assert.Equal(1_040_000, result.GetProperty("subject").GetProperty("area").GetProperty("squareMetres").GetDouble(), 0.5);
        Assert.Equal("存在冲突", expected.GetProperty("verdict").GetString());
        Assert.Equal(expected.GetProperty("verdict").GetString(), result.GetProperty("verdict").GetString());
        var (want, got) = (Figures(expected.GetProperty("findings")), Figures(result.GetProperty("findings")));
        Assert.Equal(want.Select(f => f.Key), got.Select(f => f.Key));
        foreach (var ((_, area), (_, actual)) in want.Zip(got))
        {
            Assert.Equal(area, actual, 0.01);
        }
    }

    [Fact]
    public async Task Bad_uploads_are_problem_json_naming_the_field_and_the_reason()
    {
        await AssertProblemAsync(Upload(Gbk(Txt("1980西安坐标系")), "红线.txt"), HttpStatusCode.BadRequest, "file", "Xian 1980");
        await AssertProblemAsync(Upload(Gbk(Txt()), "红线.txt", ("crs", "EPSG:2381")), HttpStatusCode.BadRequest, "crs", "Xian 1980");
        await AssertProblemAsync(Upload(Gbk(Txt()), "红线.txt", ("from", "wgs")), HttpStatusCode.BadRequest, "from", "gcj02");
        await AssertProblemAsync(Upload(Gbk(Txt().Replace("10,104", "11,104", StringComparison.Ordinal)), "红线.txt"), HttpStatusCode.BadRequest, "file", "界址点数");
        await AssertProblemAsync(new MultipartFormDataContent { { new StringContent("x"), "other" } }, HttpStatusCode.BadRequest, "file", "field 'file'");

        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("../红线.txt").Open();
            await entry.WriteAsync(Gbk(Txt()));
        }

        await AssertProblemAsync(Upload(zip.ToArray(), "红线.zip"), HttpStatusCode.BadRequest, "file", "outside the archive");
        await AssertProblemAsync(Upload(new byte[26 * 1024 * 1024], "big.txt"), HttpStatusCode.RequestEntityTooLarge, null, "Uploads:MaxBytes");
    }

    private async Task AssertProblemAsync(HttpContent content, HttpStatusCode status, string? parameter, string detail)
    {
        var response = await _client.PostAsync("/api/analysis/compliance", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        if (parameter is not null)
        {
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static List<(string Key, double Area)> Figures(JsonElement findings) =>
        [.. findings.EnumerateArray()
            .Select(f => ($"{f.GetProperty("kind").GetString()}/{(f.TryGetProperty("constraintId", out var id) ? id.ToString() : "")}",
                f.GetProperty("area").GetProperty("squareMetres").GetDouble()))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)];
}

public sealed class EmbeddedComplianceUploadTests(EmbeddedServiceFactory factory) : ComplianceUploadCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisComplianceUploadTests(PostGisServiceFactory factory) : ComplianceUploadCases(factory), IClassFixture<PostGisServiceFactory>;
