using Geo.Api.Cli;

namespace Geo.Api.Tests.Cli;

/// <summary>The CLI verbs, run in-process as a user would run them, against real files and a real PostGIS.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Check_data_passes_and_reports_the_plans_inconsistencies()
    {
        var (exit, output, error) = await RunAsync("check-data", RepoPaths.GisData);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("NOTE  group (五) 市政设施提档升级工程: plan inconsistency", output, StringComparison.Ordinal);
        Assert.Contains("OK    projects: total investment 624,202 万元", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_data_on_bad_data_fails_with_one_line()
    {
        using var folder = new BadDataFolder();
        folder.Break("unknown category");

        var (exit, _, error) = await RunAsync("check-data", folder.Path);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: projects.geojson: feature #", line, StringComparison.Ordinal);
        Assert.Contains("unknown value 'housing'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_without_a_database_says_how_to_get_one()
    {
        var (exit, _, error) = await RunAsync("import", RepoPaths.GisData, "--connection", " ");

        Assert.Equal(1, exit);
        Assert.Contains("no database", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_loads_PostGIS_and_bad_data_leaves_it_untouched()
    {
        var (exit, output, _) = await RunAsync("import", RepoPaths.GisData, "--connection", _database.ConnectionString);
        Assert.Equal(0, exit);
        Assert.Contains("projects: writing 35 rows", output, StringComparison.Ordinal);
        Assert.Equal(35L, await _database.ScalarAsync<long>("SELECT count(*) FROM projects"));

        using var folder = new BadDataFolder();
        folder.Replace("projects.geojson", "丰乐片区城中村改造项目", "改名的项目");
        folder.Break("wrong column count");
        var (badExit, _, badError) = await RunAsync("import", folder.Path, "--connection", _database.ConnectionString);

        Assert.Equal(1, badExit);
        Assert.Contains("policies.csv: row 27: has 5 columns", badError, StringComparison.Ordinal);
        Assert.Contains("nothing was written", badError, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM projects WHERE name = '改名的项目'"));
    }

    [Fact]
    public async Task Migrate_applies_once_then_reports_up_to_date()
    {
        var first = await RunAsync("migrate", "--connection", _database.ConnectionString);
        var second = await RunAsync("migrate", "--connection", _database.ConnectionString);

        Assert.Equal(0, first.Exit);
        Assert.Contains("applying 0001_initial_schema.sql", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.Contains("schema is up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_line_not_a_stack_trace()
    {
        var (exit, _, error) = await RunAsync("migrate", "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");

        Assert.Equal(1, exit);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("migrate", "--bogus");

        Assert.Equal(2, exit);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }
}
