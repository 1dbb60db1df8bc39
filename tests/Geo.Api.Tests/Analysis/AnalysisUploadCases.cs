using static Geo.Api.Tests.Analysis.RedLineFiles;

namespace Geo.Api.Tests.Analysis;

/// <summary>
/// 范围内项目 and 叠加分析 of an uploaded file on both stores: each 地块 of a 报盘 TXT gives what the same polygon posted
/// as GeoJSON gives, and a 地块 outside 开州区 is answered (empty) with a warning naming its row instead of a refusal.
/// </summary>
public abstract class AnalysisUploadCases(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static byte[] TwoParcels() => Gbk(Txt(parcels: [("某项目红线", Site), ("区外地块", OutsideDistrict)]));

    [Fact]
    public async Task Projects_in_area_of_each_TXT_parcel_equal_the_drawn_answer_and_the_outside_one_is_a_warning()
    {
        var drawn = await JsonAsync(await _client.PostAsync("/api/analysis/projects-in-area", new StringContent(GeoJson(Site, ",\"bufferM\":500"), Encoding.UTF8, "application/json")));
        var uploaded = await JsonAsync(await _client.PostAsync("/api/analysis/projects-in-area", Upload(TwoParcels(), "红线.txt", ("bufferM", "500"))), HttpStatusCode.OK);

        var results = uploaded.GetProperty("results").EnumerateArray().ToList();
        // A 报盘 TXT's row is the line of the 地块's header.
        Assert.Equal([8, 19], results.Select(r => r.GetProperty("row").GetInt32()));
        var inside = results[0].GetProperty("result");
        Assert.True(drawn.GetProperty("summary").GetProperty("count").GetInt32() > 0, "the test site should meet some projects");
        Assert.Equal(drawn.GetProperty("summary").GetProperty("count").GetInt32(), inside.GetProperty("summary").GetProperty("count").GetInt32());
        Assert.Equal(drawn.GetProperty("summary").GetProperty("apportionedTotalWan").GetDouble(), inside.GetProperty("summary").GetProperty("apportionedTotalWan").GetDouble(), 0.01);
        Assert.Equal(drawn.GetProperty("area").GetProperty("area").GetProperty("squareMetres").GetDouble(),
            inside.GetProperty("area").GetProperty("area").GetProperty("squareMetres").GetDouble(), 1.0);

        var outside = results[1].GetProperty("result");
        Assert.False(outside.GetProperty("area").GetProperty("insideDistrict").GetBoolean());
        Assert.Equal(0, outside.GetProperty("summary").GetProperty("count").GetInt32());
        Assert.StartsWith("红线.txt 第 19 行", Assert.Single(uploaded.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlay_of_each_TXT_parcel_equals_the_drawn_answer_and_the_outside_one_is_a_warning()
    {
        var drawn = await JsonAsync(await _client.PostAsync("/api/analysis/overlay",
            new StringContent(GeoJson(Site, ",\"layers\":[{\"layer\":\"constraints\"},{\"layer\":\"parcels\"}]"), Encoding.UTF8, "application/json")));
        var uploaded = await JsonAsync(await _client.PostAsync("/api/analysis/overlay", Upload(TwoParcels(), "红线.txt", ("layers", "constraints, parcels"))), HttpStatusCode.OK);

        var results = uploaded.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        var want = Classes(drawn.GetProperty("subjects")[0]);
        Assert.NotEmpty(want);
        var got = Classes(results[0].GetProperty("subject"));
        Assert.Equal(want.Select(c => c.Key), got.Select(c => c.Key));
        foreach (var ((_, area), (_, actual)) in want.Zip(got))
        {
            Assert.Equal(area, actual, 0.01);
        }

        Assert.Empty(Classes(results[1].GetProperty("subject")));
        Assert.Contains(results[1].GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("开州区界之外", StringComparison.Ordinal));
        Assert.StartsWith("红线.txt 第 19 行", Assert.Single(uploaded.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlay_upload_without_layers_or_with_a_bad_buffer_is_a_400_naming_the_field()
    {
        await ProblemAnswer.AssertAsync(await _client.PostAsync("/api/analysis/overlay", Upload(TwoParcels(), "红线.txt")), 400, "layers");
        await ProblemAnswer.AssertAsync(await _client.PostAsync("/api/analysis/projects-in-area", Upload(TwoParcels(), "红线.txt", ("bufferM", "far"))), 400, "bufferM");
        await ProblemAnswer.AssertAsync(await _client.PostAsync("/api/analysis/overlay?f=csv", Upload(TwoParcels(), "红线.txt", ("layers", "zones"))), 400, "f");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<(string Key, double Area)> Classes(JsonElement subject) =>
        [.. subject.GetProperty("layers").EnumerateArray()
            .SelectMany(l => l.GetProperty("classes").EnumerateArray().Select(c =>
                ($"{l.GetProperty("layer").GetString()}/{c.GetProperty("class").GetString()}", c.GetProperty("area").GetProperty("squareMetres").GetDouble())))
            .OrderBy(c => c.Item1, StringComparer.Ordinal)];
}

public sealed class EmbeddedAnalysisUploadTests(EmbeddedServiceFactory factory) : AnalysisUploadCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisAnalysisUploadTests(PostGisServiceFactory factory) : AnalysisUploadCases(factory), IClassFixture<PostGisServiceFactory>;
