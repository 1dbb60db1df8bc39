using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Geo.Core.GisData;
using Geo.Core.Stores.PostGis;
using Geo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

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
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Items)).StatusCode);
        var acknowledged = new List<JsonElement>();
        for (var i = 1; i <= 5; i++)
        {
            var response = await RecordAsync(client, i, 10 + (i * 1.25), $"before the stop #{i}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            acknowledged.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        _cluster.Stop();

        foreach (var down in new[] { await client.GetAsync(Items), await RecordAsync(client, 1, 999.25, "while down") })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            Assert.True(int.Parse(down.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
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
        Assert.Equal(HttpStatusCode.Created, (await RecordAsync(client, 2, 42.5, "after the restart")).StatusCode);

        var rows = await RowsAsync(connectionString);
        foreach (var ack in acknowledged)
        {
            var row = Assert.Single(rows, r => r.Sequence == ack.GetProperty("sequence").GetInt64());
            Assert.Equal(ack.GetProperty("indicatorId").GetInt64(), row.IndicatorId);
            Assert.Equal(ack.GetProperty("value").GetDouble(), row.Value);
            Assert.Equal(ack.GetProperty("asOf").GetString(), row.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(ack.GetProperty("note").GetString(), row.Note);
        }

        Assert.DoesNotContain(rows, r => r.Note == "while down");
        Assert.Single(rows, r => r.Note == "after the restart" && r.Value == 42.5);
    }

    private static Task<HttpResponseMessage> RecordAsync(HttpClient client, long indicator, double value, string note) =>
        client.PutAsJsonAsync($"/api/indicators/{indicator}/actuals", new { value, asOf = "2026-06-30", note });

    private static async Task<List<(long Sequence, long IndicatorId, double Value, DateOnly AsOf, string? Note)>> RowsAsync(string connectionString)
    {
        // Unpooled: a pooled connection from before the stop would fail once, as the service's do.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq, indicator_id, value, as_of, note FROM indicator_actuals ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, long, double, DateOnly, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }
}
