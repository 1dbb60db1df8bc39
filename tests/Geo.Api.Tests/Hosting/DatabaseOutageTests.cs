using System.Globalization;
using Geo.Api.GisData;
using Geo.Core.GisData;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// PostGIS stopped under the running service, on a cluster of this test's own: requests answer 503 problem+json with
/// Retry-After, the service recovers by itself when the database is back, and every indicator value it acknowledged
/// before the stop is still there, row by row.
/// </summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private const string Items = "/ogcapi/collections/projects/items?limit=5";

    private readonly PrivatePostGisCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task Requests_answer_503_while_PostGIS_is_down_and_the_service_recovers_with_every_acknowledged_write()
    {
        var connectionString = _cluster.Start();
        SchemaMigrator.Migrate(connectionString);
        await using (var dataSource = PostGisDataSource.Create(connectionString))
        {
            await PostGisImporter.ImportAsync(dataSource, GisDataFolder.Load(RepoPaths.GisData), null, CancellationToken.None);
        }

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Geo", connectionString));
        var client = factory.CreateClient();
        var editor = await factory.CreateClient().AuthorizeAsync(factory.Services, Role.Editor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Items)).StatusCode);
        var acknowledged = await IndicatorActualRows.RecordAcknowledgedAsync(editor, 5, 10, 1.25);

        _cluster.Stop();

        foreach (var down in new[] { await client.GetAsync(Items), await IndicatorActualRows.RecordAsync(editor, 1, 999.25, "while down") })
        {
            IndicatorActualRows.AssertUnavailable(down);
            var problem = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        _cluster.Start();

        // Pooled connections the stop broke fail once each (503 as well), then new ones are opened: no restart needed.
        var statuses = new List<HttpStatusCode>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && statuses.LastOrDefault() != HttpStatusCode.OK;)
        {
            statuses.Add((await client.GetAsync(Items)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await IndicatorActualRows.RecordAsync(editor, 2, 42.5, "after the restart")).StatusCode);

        var rows = await IndicatorActualRows.ReadAsync(connectionString);
        IndicatorActualRows.AssertEachPresent(acknowledged, rows);
        Assert.DoesNotContain(rows, r => r.Note == "while down");
        Assert.Single(rows, r => r.Note == "after the restart" && r.Value == 42.5);
    }
}
