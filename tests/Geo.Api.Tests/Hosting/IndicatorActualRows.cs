using System.Globalization;
using System.Net.Http.Json;

namespace Geo.Api.Tests.Hosting;

/// <summary>Indicator values recorded through the API, and the rows PostGIS holds, compared one by one.</summary>
internal static class IndicatorActualRows
{
    public static Task<HttpResponseMessage> RecordAsync(HttpClient client, long indicator, double value, string note) =>
        client.PutAsJsonAsync($"/api/indicators/{indicator}/actuals", new { value, asOf = "2026-06-30", note });

    /// <summary>Records <paramref name="count"/> values (indicators 1…count) and returns each 201 body: what the service acknowledged.</summary>
    public static async Task<List<JsonElement>> RecordAcknowledgedAsync(HttpClient client, int count, double firstValue, double step)
    {
        var acknowledged = new List<JsonElement>();
        for (var i = 1; i <= count; i++)
        {
            var response = await RecordAsync(client, i, firstValue + (i * step), $"before the stop #{i}");
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
            acknowledged.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        return acknowledged;
    }

    /// <summary>The answer while the database (or its primary) is away: 503 problem+json with a positive Retry-After.</summary>
    public static void AssertUnavailable(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
    }

    public static async Task<List<(long Sequence, long IndicatorId, double Value, DateOnly AsOf, string? Note)>> ReadAsync(string connectionString)
    {
        // Unpooled: a pooled connection from before a stop would fail once, as the service's do.
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

    /// <summary>Every acknowledged answer (the 201 body) has its row, with the same indicator, value, date and note.</summary>
    public static void AssertEachPresent(IEnumerable<JsonElement> acknowledged, List<(long Sequence, long IndicatorId, double Value, DateOnly AsOf, string? Note)> rows)
    {
        foreach (var ack in acknowledged)
        {
            var row = Assert.Single(rows, r => r.Sequence == ack.GetProperty("sequence").GetInt64());
            Assert.Equal(ack.GetProperty("indicatorId").GetInt64(), row.IndicatorId);
            Assert.Equal(ack.GetProperty("value").GetDouble(), row.Value);
            Assert.Equal(ack.GetProperty("asOf").GetString(), row.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(ack.GetProperty("note").GetString(), row.Note);
        }
    }
}
