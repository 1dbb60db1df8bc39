using Geo.Api.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Geo.Api.Tests.Hosting;

/// <summary>One structured log record per request, read back from the logging pipeline as an operator's sink would.</summary>
public sealed class RequestLoggingTests : IDisposable
{
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory =
        EmbeddedService.Create(b => b.ConfigureLogging(l => l.AddFakeLogging()));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_request_is_one_record_with_method_route_status_and_duration()
    {
        var response = await _factory.CreateClient().GetAsync("/ogcapi/collections/projects/items/6");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var record = Assert.Single(await RequestRecordsAsync());
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("GET", record.GetStructuredStateValue("Method"));
        Assert.Equal("/ogcapi/collections/{collectionId}/items/{featureId}", record.GetStructuredStateValue("Route"));
        Assert.Equal("200", record.GetStructuredStateValue("StatusCode"));
        Assert.True(double.Parse(record.GetStructuredStateValue("ElapsedMilliseconds")!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Null(record.Exception);
    }

    [Theory]
    [InlineData("GET", "/ogcapi/collections/projects/items?bbox=abc&tk=SECRET-KEY-123", null, "/ogcapi/collections/{collectionId}/items")]
    [InlineData("POST", "/api/analysis/projects-in-area?tk=SECRET-KEY-123", "{\"zoneId\": ", "/api/analysis/projects-in-area")]
    public async Task A_bad_request_is_one_warning_without_a_stack_trace_or_the_query_string(string method, string url, string? body, string route)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await _factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var record = Assert.Single(await RequestRecordsAsync());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(method, record.GetStructuredStateValue("Method"));
        Assert.Equal("400", record.GetStructuredStateValue("StatusCode"));
        Assert.Equal(route, record.GetStructuredStateValue("Route"));

        var all = _factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.DoesNotContain(all, r => r.Exception is not null);
        Assert.DoesNotContain(all, r => r.Message.Contains("SECRET-KEY-123", StringComparison.Ordinal));
        // The key ring's start-up warning (session keys kept unencrypted in the store, docs/SCALING.md) is not the request's.
        Assert.Single(all, r => r.Level >= LogLevel.Warning && !r.Category!.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }

    /// <summary>The record is written once the answer is complete, which can be just after the client has read it.</summary>
    private async Task<IReadOnlyList<FakeLogRecord>> RequestRecordsAsync()
    {
        var collector = _factory.Services.GetFakeLogCollector();
        for (var waited = 0; waited < 5000 && !collector.GetSnapshot().Any(IsRequest); waited += 50)
        {
            await Task.Delay(50);
        }

        await Task.Delay(200);
        return collector.GetSnapshot().Where(IsRequest).ToList();
    }

    private static bool IsRequest(FakeLogRecord record) => record.Category == RequestLogging.Category;
}
