using System.Globalization;
using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The service over a primary and a streaming standby (two clusters of this test's own, real physical replication),
/// configured with both hosts: with the primary stopped the standby answers reads and writes answer 503 until the
/// primary is back; then writes are accepted and every acknowledged one is on the primary and replicated.
/// </summary>
public sealed class StreamingReplicationTests : IDisposable
{
    private const string Items = "/ogcapi/collections/projects/items?limit=20";

    private readonly PrivatePostGisCluster _primary = new();
    private readonly PrivatePostGisCluster _standby = new();

    public void Dispose()
    {
        _standby.Dispose();
        _primary.Dispose();
    }

    [Fact]
    public async Task The_standby_serves_reads_while_the_primary_is_stopped_and_writes_answer_503_until_it_returns()
    {
        var primary = _primary.Start();
        SchemaMigrator.Migrate(primary);
        await using (var dataSource = PostGisDataSource.Create(primary))
        {
            await PostGisImporter.ImportAsync(dataSource, GisDataFolder.Load(RepoPaths.GisData), null, CancellationToken.None);
        }

        var standby = _standby.StartStandbyOf(_primary);
        await WaitForReplayAsync(primary, standby);

        // Host Recheck Seconds=1: Npgsql remembers a host as down for that long (10 s by default).
        var bothHosts = $"Host=127.0.0.1:{_primary.Port},127.0.0.1:{_standby.Port};Username=postgres;Database=kaizhou;"
            + "Target Session Attributes=prefer-standby;Load Balance Hosts=true;Host Recheck Seconds=1";
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Geo", bothHosts));
        var client = factory.CreateClient();
        var editor = await factory.CreateClient().AuthorizeAsync(factory.Services, Role.Editor);
        var expectedIds = await ItemIdsAsync(client);
        Assert.Equal(20, expectedIds.Count);
        var acknowledged = await IndicatorActualRows.RecordAcknowledgedAsync(editor, 3, 20, 0.5);

        _primary.Stop();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expectedIds, await ItemIdsAsync(client));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            IndicatorActualRows.AssertUnavailable(await IndicatorActualRows.RecordAsync(editor, 1, 999.25, "while down"));
        }

        _primary.Start();

        var statuses = new List<HttpStatusCode>();
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && statuses.LastOrDefault() != HttpStatusCode.Created;)
        {
            statuses.Add((await IndicatorActualRows.RecordAsync(editor, 2, 42.5, "after the restart")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));

        var rows = await IndicatorActualRows.ReadAsync(primary);
        IndicatorActualRows.AssertEachPresent(acknowledged, rows);
        Assert.DoesNotContain(rows, r => r.Note == "while down");
        Assert.Single(rows, r => r.Note == "after the restart" && r.Value == 42.5);

        // Replication resumed by itself: the standby holds the same rows.
        await WaitForReplayAsync(primary, standby);
        Assert.Equal(rows, await IndicatorActualRows.ReadAsync(standby));
    }

    private static async Task<List<string>> ItemIdsAsync(HttpClient client)
    {
        var response = await client.GetAsync(Items);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var features = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("features");
        return features.EnumerateArray().Select(f => f.GetProperty("id").GetRawText()).ToList();
    }

    /// <summary>Waits until the standby has replayed everything the primary has written so far.</summary>
    private static async Task WaitForReplayAsync(string primary, string standby)
    {
        var written = await ScalarAsync<string>(primary, "SELECT pg_current_wal_lsn()::text");
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            if (await ScalarAsync<bool>(standby, $"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn"))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the standby did not replay up to {written} within 15 s");
        }
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
