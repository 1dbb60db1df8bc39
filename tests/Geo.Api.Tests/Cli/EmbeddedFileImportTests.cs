using Geo.Api.Backends.Embedded.Accounts;
using Geo.Api.Cli;

namespace Geo.Api.Tests.Cli;

/// <summary>
/// <c>import FILE --collection … --data FOLDER</c> on the embedded store: the rows land in the data folder's edit log in
/// one record, a service started on that folder serves them, and a refused file leaves the folder as it was.
/// </summary>
public sealed class EmbeddedFileImportTests : IDisposable
{
    private static readonly string[] Honesty =
        ["--set", "source=import test file", "--set", "location_precision=schematic", "--set", "illustrative=true"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("embedded-import-");

    private string Data => Path.Combine(_folder.FullName, "data");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_CSV_lands_in_the_data_folder_and_a_service_on_that_folder_serves_it_with_its_audit_entry()
    {
        var csv = await CsvAsync("108.4311,31.1811,school,嵌入式导入小学甲,false", "108.4322,31.1822,school,嵌入式导入小学乙,false");

        var (exit, output, error) = await RunAsync(["import", csv, "--collection", "facilities", "--data", Data, .. Honesty]);

        Assert.True(exit == 0, error);
        Assert.Contains("read 2, valid 2, repaired 0, refused 0", output, StringComparison.Ordinal);
        var ids = System.Text.RegularExpressions.Regex.Match(output, @"ids (\d+)–(\d+)");
        Assert.True(ids.Success, output);
        var first = long.Parse(ids.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(first + 1, long.Parse(ids.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(await File.ReadAllLinesAsync(Path.Combine(Data, "feature-edits.jsonl")));

        using var service = new GisDataServiceFactory(settings: new Dictionary<string, string> { ["IndicatorActuals:Path"] = Data });
        var item = await service.CreateClient().GetAsync($"/ogcapi/collections/facilities/items/{first + 1}");
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        var feature = JsonDocument.Parse(await item.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("嵌入式导入小学乙", feature.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(108.4322, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 9);

        using var audit = new JsonLinesAuditLog(Data);
        var entry = Assert.Single(await audit.QueryAsync(new AuditQuery(null, "facilities", null, null, 10), CancellationToken.None));
        Assert.Equal(AuditActions.Import, entry.Action);
        Assert.StartsWith("system:", entry.User, StringComparison.Ordinal);
        Assert.Contains("\"via\":\"cli\"", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_a_row_outside_the_district_is_refused_and_the_data_folder_stays_empty()
    {
        var csv = await CsvAsync("108.4311,31.1811,school,区内小学,false", "104.06,30.66,school,成都某校,false");

        var (exit, output, error) = await RunAsync(["import", csv, "--collection", "facilities", "--data", Data, .. Honesty]);

        Assert.Equal(1, exit);
        Assert.Contains("refused: row 2: field 'geometry': no part of it is inside 开州区", output, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, "feature-edits.jsonl")));
    }

    private async Task<string> CsvAsync(params string[] rows)
    {
        var path = Path.Combine(_folder.FullName, "schools.csv");
        await File.WriteAllLinesAsync(path, ["lon,lat,kind,name,planned", .. rows]);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
