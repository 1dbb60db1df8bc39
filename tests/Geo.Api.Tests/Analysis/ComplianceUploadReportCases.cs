using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using static Geo.Api.Tests.Analysis.RedLineFiles;

namespace Geo.Api.Tests.Analysis;

/// <summary>
/// The combined printable 合规性审查 report of an uploaded 报盘 TXT with two 地块, on both stores: one summary row and
/// one section per 地块, each 地块's area in m², 公顷 and 亩 equal to PROJ's (PostGIS ST_Transform from the file's
/// EPSG:4524 to EPSG:4545), and each verdict the one the JSON answer gives for the same file.
/// </summary>
public abstract partial class ComplianceUploadReportCases(ServiceFactory factory)
{
    // A 600 m × 500 m site 1.2 km north of the 红线 (EPSG:4545 metres), inside 开州区.
    private static readonly (double E, double N)[][] North = [[(530000, 3433000), (530600, 3433000), (530600, 3433500), (530000, 3433500)]];

    private static readonly (string Name, (double E, double N)[][] Rings)[] Parcels = [("某项目红线", Site), ("北侧地块", North)];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_TXT_with_two_parcels_gives_one_report_with_a_row_and_a_section_each_and_PROJ_areas()
    {
        var response = await _client.PostAsync("/api/analysis/compliance?f=html", Upload(Gbk(Txt("2000国家大地坐标系", Parcels)), "两个地块.txt"));
        var html = await response.Content.ReadAsStringAsync();
        var json = await _client.PostAsync("/api/analysis/compliance", Upload(Gbk(Txt("2000国家大地坐标系", Parcels)), "两个地块.txt"));
        var verdicts = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("verdict").GetString()).ToList();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("两个地块.txt", html, StringComparison.Ordinal);
        Assert.Contains("EPSG:4524", html, StringComparison.Ordinal);
        var rows = SummaryRows(html);
        await AssertParcelsAsync(html, rows);
        Assert.Equal(verdicts, rows.Select(r => r[6]));
        Assert.Equal("存在冲突", rows[0][6]);
        Assert.Contains("冲突 ", rows[0][7], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_in_area_of_a_TXT_with_two_parcels_gives_one_report_with_the_counts_of_the_JSON_answer()
    {
        var response = await _client.PostAsync("/api/analysis/projects-in-area?f=html", Upload(Gbk(Txt("2000国家大地坐标系", Parcels)), "两个地块.txt", ("bufferM", "3000")));
        var html = await response.Content.ReadAsStringAsync();
        var json = await _client.PostAsync("/api/analysis/projects-in-area", Upload(Gbk(Txt("2000国家大地坐标系", Parcels)), "两个地块.txt", ("bufferM", "3000")));
        var counts = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("result").GetProperty("summary").GetProperty("count").GetInt32().ToString(CultureInfo.InvariantCulture)).ToList();

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var rows = SummaryRows(html);
        Assert.Equal(counts, rows.Select(r => r[6]));
        Assert.Contains(counts, c => c != "0");
        // bufferM widens each 地块 by 3 km: its area is PostGIS's buffer in EPSG:4545, to 0.5 % (arcs are segmented differently).
        for (var i = 0; i < Parcels.Length; i++)
        {
            var buffered = await factory.Reference.DoubleAsync($"SELECT ST_Area(ST_Buffer(ST_Transform(ST_GeomFromText('{Wkt4524(Parcels[i].Rings)}', 4524), 4545), 3000))");
            Assert.Equal(buffered, Number(rows[i][3]), buffered * 0.005);
            Assert.Equal(Parcels[i].Name, rows[i][2]);
        }

        Assert.Equal(2, Regex.Count(html, "<section class=\"parcel\""));
    }

    /// <summary>Each summary row's number, name and area in m², 公顷 and 亩 against PROJ, and a section per 地块.</summary>
    private async Task AssertParcelsAsync(string html, List<string[]> rows)
    {
        Assert.Equal(Parcels.Length, rows.Count);
        Assert.Equal(Parcels.Length, Regex.Count(html, "<section class=\"parcel\""));
        for (var i = 0; i < Parcels.Length; i++)
        {
            var (name, rings) = Parcels[i];
            var expected = await factory.Reference.DoubleAsync($"SELECT ST_Area(ST_Transform(ST_GeomFromText('{Wkt4524(rings)}', 4524), 4545))");
            var row = rows[i];
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), row[1]);
            Assert.Equal(name, row[2]);
            Assert.Equal(expected, Number(row[3]), 0.01);
            Assert.Equal(expected / 10_000, Number(row[4]), 0.006);
            Assert.Equal(expected / (10_000.0 / 15), Number(row[5]), 0.006);
            Assert.Contains($"<h2>{i + 1}. {i + 1} {name}</h2>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Accept_text_html_without_f_gives_the_report_and_csv_is_refused_naming_f()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/analysis/compliance") { Content = Upload(Gbk(Txt("2000国家大地坐标系", Parcels)), "两个地块.txt") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.8));
        var response = await _client.SendAsync(request);
        var csv = await _client.PostAsync("/api/analysis/compliance?f=csv", Upload(Gbk(Txt()), "红线.txt"));

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, SummaryRows(await response.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("f", JsonDocument.Parse(await csv.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    /// <summary>The summary table's 地块 rows, each as its cells' text.</summary>
    private static List<string[]> SummaryRows(string html) =>
        [.. RowPattern().Matches(html).Select(m => CellPattern().Matches(m.Groups[1].Value).Select(c => WebUtility.HtmlDecode(TagPattern().Replace(c.Groups[1].Value, ""))).ToArray())];

    private static double Number(string text) => double.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>The rings as the file has them: EPSG:4524, easting (with the zone-36 prefix) first.</summary>
    private static string Wkt4524((double E, double N)[][] rings) =>
        "POLYGON(" + string.Join(",", rings.Select(r => "(" + string.Join(",", r.Append(r[0]).Select(p => string.Create(CultureInfo.InvariantCulture, $"{36_000_000 + p.E} {p.N}"))) + ")")) + ")";

    [GeneratedRegex("<tr class=\"parcel\">(.*?)</tr>")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>(.*?)</td>")]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}

public sealed class EmbeddedComplianceUploadReportTests(EmbeddedServiceFactory factory) : ComplianceUploadReportCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisComplianceUploadReportTests(PostGisServiceFactory factory) : ComplianceUploadReportCases(factory), IClassFixture<PostGisServiceFactory>;
