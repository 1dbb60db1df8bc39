using System.Globalization;
using System.Text.RegularExpressions;
using static Geo.Api.Tests.Analysis.RedLineFiles;

namespace Geo.Api.Tests.Analysis;

/// <summary>
/// The printable reports with lang=en, on both stores: no CJK character is left once the proper names the data carry
/// (feature names, lead units, township and district names, the uploaded file's name and 地块 names) are taken out,
/// every figure cell equals the Chinese report's, and the page says it is English. The proper names are read from the
/// JSON answers and the OGC API, never from the report.
/// </summary>
public abstract partial class EnglishReportCases(ServiceFactory factory)
{
    private static readonly (string Name, (double E, double N)[][] Rings)[] Parcels =
        [("某项目红线", Site), ("北侧地块", [[(530000, 3433000), (530600, 3433000), (530600, 3433500), (530000, 3433500)]])];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Compliance_of_a_stored_project_in_English_has_no_Chinese_but_its_names_and_the_same_figures()
    {
        var zh = await _client.GetStringAsync("/api/analysis/compliance/projects/5?f=html");
        var en = await _client.GetStringAsync("/api/analysis/compliance/projects/5?f=html&lang=en");
        var json = JsonDocument.Parse(await _client.GetStringAsync("/api/analysis/compliance/projects/5")).RootElement;
        var names = ComplianceNames(json);

        await AssertEnglishAsync(en, names);
        Assert.Equal(FigureCells(zh), FigureCells(en));
        Assert.NotEmpty(json.GetProperty("findings").EnumerateArray());
        Assert.Contains("Verdict: Conflicts found", en, StringComparison.Ordinal);
        Assert.Contains($"area {Area(json.GetProperty("subject").GetProperty("area").GetProperty("squareMetres").GetDouble())} m²", WebUtility.HtmlDecode(en), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_in_a_zone_in_English_name_fields_and_groups_from_the_catalog_with_the_same_figures()
    {
        var zh = await PostStringAsync("/api/analysis/projects-in-area?f=html", """{"zoneId":2}""");
        var en = await PostStringAsync("/api/analysis/projects-in-area?f=html&lang=en", """{"zoneId":2}""");
        var json = JsonDocument.Parse(await PostStringAsync("/api/analysis/projects-in-area", """{"zoneId":2}""")).RootElement;
        var zone = JsonDocument.Parse(await _client.GetStringAsync("/ogcapi/collections/zones/items/2")).RootElement;
        var names = ProjectNames(json).Append(zone.GetProperty("properties").GetProperty("name").GetString()!).ToList();

        await AssertEnglishAsync(en, names);
        Assert.Equal(FigureCells(zh), FigureCells(en));
        Assert.NotEmpty(ProjectNames(json));
        // Field titles and group names as the catalog gives them in English (src/Geo.Core/Domain/Catalog.cs).
        Assert.Contains("<th>Planned investment (×10⁴ yuan)</th>", WebUtility.HtmlDecode(en), StringComparison.Ordinal);
        Assert.Contains("<th>Construction period</th>", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_around_a_township_seat_in_English_say_the_notes_in_English()
    {
        const string body = """{"townshipCode":"500154001","bufferM":3000}""";
        var zh = await PostStringAsync("/api/analysis/projects-in-area?f=html", body);
        var en = await PostStringAsync("/api/analysis/projects-in-area?f=html&lang=en", body);
        var json = JsonDocument.Parse(await PostStringAsync("/api/analysis/projects-in-area", body)).RootElement;

        await AssertEnglishAsync(en, ProjectNames(json));
        Assert.Equal(FigureCells(zh), FigureCells(en));
        Assert.NotEmpty(json.GetProperty("notes").EnumerateArray());
        Assert.Contains("widened by 3000 m", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_of_an_uploaded_TXT_in_English_keeps_the_parcel_names_and_the_same_figures()
    {
        var zh = await PostUploadAsync("/api/analysis/compliance?f=html");
        var en = await PostUploadAsync("/api/analysis/compliance?f=html&lang=en");
        var json = JsonDocument.Parse(await PostUploadAsync("/api/analysis/compliance")).RootElement;
        var names = json.GetProperty("results").EnumerateArray().SelectMany(r => ComplianceNames(r))
            .Concat(Parcels.Select(p => p.Name)).Append("两个地块.txt").ToList();

        await AssertEnglishAsync(en, names);
        Assert.Equal(FigureCells(zh), FigureCells(en));
        Assert.Equal(2, Regex.Count(en, "<section class=\"parcel\""));
        Assert.Contains(">Conflicts found<", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_in_area_of_an_uploaded_TXT_in_English_has_the_same_figures()
    {
        var zh = await PostUploadAsync("/api/analysis/projects-in-area?f=html", ("bufferM", "3000"));
        var en = await PostUploadAsync("/api/analysis/projects-in-area?f=html&lang=en", ("bufferM", "3000"));
        var json = JsonDocument.Parse(await PostUploadAsync("/api/analysis/projects-in-area", ("bufferM", "3000"))).RootElement;
        var names = json.GetProperty("results").EnumerateArray().SelectMany(r => ProjectNames(r.GetProperty("result")))
            .Concat(Parcels.Select(p => p.Name)).Append("两个地块.txt").ToList();

        await AssertEnglishAsync(en, names);
        Assert.Equal(FigureCells(zh), FigureCells(en));
        Assert.Contains(FigureCells(en), c => c != "0");
    }

    [Fact]
    public async Task An_unknown_report_language_is_refused_naming_lang()
    {
        var response = await _client.GetAsync("/api/analysis/compliance/projects/5?f=html&lang=fr");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("lang", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    /// <summary>
    /// The page is English, and once the given proper names and those of the map's backdrop (township seats and the
    /// district, from the OGC API) are taken out no CJK ideograph or CJK punctuation is left.
    /// </summary>
    private async Task AssertEnglishAsync(string html, IEnumerable<string> names)
    {
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("schematic", html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        foreach (var name in names.Concat(await BackdropNamesAsync()).Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length))
        {
            text = text.Replace(name, " ", StringComparison.Ordinal);
        }

        var left = Cjk().Matches(text).Select(m => text.Substring(Math.Max(0, m.Index - 30), Math.Min(60, text.Length - Math.Max(0, m.Index - 30)))).ToList();
        Assert.True(left.Count == 0, "CJK left in the English report: " + string.Join(" | ", left.Take(5)));
    }

    private async Task<IEnumerable<string>> BackdropNamesAsync()
    {
        var names = new List<string>();
        foreach (var collection in new[] { "townships", "district" })
        {
            var items = JsonDocument.Parse(await _client.GetStringAsync($"/ogcapi/collections/{collection}/items?limit=1000")).RootElement;
            names.AddRange(items.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()!));
        }

        return names;
    }

    /// <summary>The subject's and the constraints' names of one compliance answer.</summary>
    private static IEnumerable<string> ComplianceNames(JsonElement answer) =>
        answer.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("constraintName"))
            .Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)
            .Append(answer.GetProperty("subject").GetProperty("name").GetString()!);

    /// <summary>The projects' names and lead units of one projects-in-area answer.</summary>
    private static IEnumerable<string> ProjectNames(JsonElement answer) =>
        answer.GetProperty("projects").GetProperty("features").EnumerateArray()
            .SelectMany(f => new[] { f.GetProperty("properties").GetProperty("name").GetString()!, f.GetProperty("properties").GetProperty("lead_unit").GetString()! });

    /// <summary>Every figure cell (areas, shares, counts, 万元) in page order.</summary>
    private static List<string> FigureCells(string html) => [.. FigureCell().Matches(html).Select(m => m.Groups[1].Value)];

    private static string Area(double squareMetres) => squareMetres.ToString("#,0.##", CultureInfo.InvariantCulture);

    private async Task<string> PostStringAsync(string url, string json)
    {
        var response = await _client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    private async Task<string> PostUploadAsync(string url, params (string Field, string Value)[] fields)
    {
        var response = await _client.PostAsync(url, Upload(Gbk(Txt("2000国家大地坐标系", Parcels)), "两个地块.txt", fields));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]")]
    private static partial Regex Cjk();

    [GeneratedRegex("<td class=\"n\">(.*?)</td>")]
    private static partial Regex FigureCell();
}

public sealed class EmbeddedEnglishReportTests(EmbeddedServiceFactory factory) : EnglishReportCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisEnglishReportTests(PostGisServiceFactory factory) : EnglishReportCases(factory), IClassFixture<PostGisServiceFactory>;
