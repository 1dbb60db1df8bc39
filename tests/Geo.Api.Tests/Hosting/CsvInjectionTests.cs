using System.Globalization;
using CsvHelper;
using Geo.Api.Csv;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// Text that a spreadsheet would run as a formula is written with a leading quote in every CSV the service writes
/// (OGC items and the analysis tables), while numbers and WKT stay as they are.
/// </summary>
public sealed class CsvInjectionTests : IDisposable
{
    private readonly BadDataFolder _data = new();

    public CsvInjectionTests()
    {
        // Project 4 (30000 万元) gets a formula for a name and a lead unit starting with '-'; indicator 1 a formula name.
        _data.Replace("projects.geojson", "\"name\":\"丰乐片区城中村改造项目\"", "\"name\":\"=HYPERLINK(1+2)丰乐\"");
        _data.Replace("projects.geojson", "城中村改造。\",\"investment_wan\":30000,\"lead_unit\":\"区住房城乡建委\"", "城中村改造。\",\"investment_wan\":30000,\"lead_unit\":\"-区住房城乡建委\"");
        _data.Replace("indicators.csv", "1,人均地区生产总值年均增速（%）", "1,@人均地区生产总值年均增速（%）");
    }

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+86 023", "'+86 023")]
    [InlineData("-区住房城乡建委", "'-区住房城乡建委")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("区住房城乡建委", "区住房城乡建委")]
    [InlineData("POLYGON ((108 31, 108.1 31, 108 31.1, 108 31))", "POLYGON ((108 31, 108.1 31, 108 31.1, 108 31))")]
    [InlineData("", "")]
    public void Text_cells_that_start_a_formula_get_a_quote(string text, string written) =>
        Assert.Equal(written, CsvFormulaGuard.Text(text));

    [Fact]
    public async Task Ogc_items_csv_guards_text_and_keeps_numbers_and_wkt()
    {
        await using var factory = EmbeddedService.Create(gisData: _data.Path);

        var records = await CsvAsync(factory, "/ogcapi/collections/projects/items?f=csv&limit=100");

        var header = records[0];
        var four = records.Single(r => r[0] == "4");
        Assert.Equal("'=HYPERLINK(1+2)丰乐", four[Array.IndexOf(header, "name")]);
        Assert.Equal("'-区住房城乡建委", four[Array.IndexOf(header, "lead_unit")]);
        Assert.Equal(30000, double.Parse(four[Array.IndexOf(header, "investment_wan")], CultureInfo.InvariantCulture));
        Assert.StartsWith("MULTIPOLYGON", four[Array.IndexOf(header, "wkt")], StringComparison.Ordinal);
        Assert.DoesNotContain(records.Skip(1), r => r.Any(cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@'));
    }

    [Fact]
    public async Task Analysis_csv_guards_text_and_keeps_numbers()
    {
        await using var factory = EmbeddedService.Create(gisData: _data.Path);

        var records = await CsvAsync(factory, "/api/indicators?f=csv");

        var header = records[0];
        var one = records.First(r => r[0] == "1");
        Assert.Equal("'@人均地区生产总值年均增速（%）", one[Array.IndexOf(header, "name")]);
        Assert.Equal("5", one[Array.IndexOf(header, "target_value")]);
        Assert.DoesNotContain(records.Skip(1), r => r.Any(cell => cell.Length > 0 && cell[0] is '=' or '+' or '@'));
    }

    /// <summary>The records as a spreadsheet reads them (RFC 4180), the BOM dropped.</summary>
    private static async Task<List<string[]>> CsvAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var parser = new CsvParser(new StringReader((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (await parser.ReadAsync())
        {
            records.Add(parser.Record!);
        }

        return records;
    }
}
