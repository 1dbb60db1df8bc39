using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Api.Tests.Backends.PostGis;

public sealed class PostGisImporterTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        SchemaMigrator.Migrate(_database.ConnectionString);
        await ImportAsync(RepoPaths.GisData);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Every_row_of_every_file_is_in_PostGIS()
    {
        var data = GisDataFolder.Load(RepoPaths.GisData);
        foreach (var collection in Catalog.All)
        {
            Assert.Equal((long)data[collection].Count, await _database.ScalarAsync<long>($"SELECT count(*) FROM {collection.TableName}"));
        }

        Assert.Equal(624202.0, await _database.ScalarAsync<double>("SELECT sum(investment_wan) FROM projects"));
    }

    [Fact]
    public async Task Importing_twice_leaves_the_same_rows()
    {
        var before = await FingerprintAsync();

        await ImportAsync(RepoPaths.GisData);

        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal(35L, await _database.ScalarAsync<long>("SELECT count(*) FROM projects"));
    }

    [Theory]
    [MemberData(nameof(BadDataFolder.Cases), MemberType = typeof(BadDataFolder))]
    public async Task Bad_data_writes_nothing(string @case, string file, string reason)
    {
        using var folder = new BadDataFolder();
        folder.Break(@case);
        folder.Replace("projects.geojson", "丰乐片区城中村改造项目", "丰乐片区城中村改造项目（改）");
        var before = await FingerprintAsync();

        var e = await Assert.ThrowsAsync<DataValidationException>(() => ImportAsync(folder.Path));

        Assert.Contains(e.Errors, x => x.File == file && x.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task A_row_the_database_refuses_rolls_back_every_table()
    {
        // Valid for the loader, refused by the table's CHECK (start_year <= end_year): the earlier tables must roll back too.
        using var folder = new BadDataFolder();
        folder.Replace("zones.geojson", "环汉丰湖片区", "环汉丰湖片区（改）");
        folder.Replace("projects.geojson", "\"start_year\":2024,\"end_year\":2025", "\"start_year\":2026,\"end_year\":2025");
        var before = await FingerprintAsync();

        var e = await Assert.ThrowsAsync<DataValidationException>(() => ImportAsync(folder.Path));

        Assert.Contains("rejected by PostGIS", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
    }

    private async Task ImportAsync(string folder)
    {
        await using var dataSource = PostGisDataSource.Create(_database.ConnectionString);
        await PostGisImporter.ImportAsync(dataSource, GisDataFolder.Load(folder), null, CancellationToken.None);
    }

    /// <summary>A digest of every row of every table, so "nothing changed" is checked on content, not counts.</summary>
    private async Task<string> FingerprintAsync()
    {
        var parts = new List<string>();
        foreach (var collection in Catalog.All)
        {
            parts.Add(await _database.ScalarAsync<string>(
                $"SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY id)), 'empty') FROM {collection.TableName} t"));
        }

        return string.Join(",", parts);
    }
}
