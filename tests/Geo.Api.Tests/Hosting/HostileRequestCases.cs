using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// Issue 9's hostile battery over real HTTP to a real Kestrel, on both stores: each case is a 4xx problem+json
/// naming what is wrong, within the service's request timeout, and the process answers afterwards.
/// </summary>
public abstract class HostileRequestCases(ServiceFactory factory)
{
    public static TheoryData<string> Cases => HostileRequests.Names(name => !name.StartsWith("CQL2", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Is_refused_with_a_problem_naming_it(string name) => AssertRefusedAsync(name);

    [Theory]
    [InlineData("CQL2 arithmetic the type checker refuses in an overlay filter")]
    [InlineData("CQL2 nested a few thousand parentheses deep")]
    [InlineData("CQL2 LIKE with a dozen wildcards")]
    [InlineData("CQL2 70,000-value IN list")]
    [InlineData("CQL2 polygon with an unclosed ring")]
    public Task A_bad_CQL2_filter_is_refused_or_a_costly_one_answered_quickly(string name) => AssertRefusedAsync(name);

    [Fact]
    public async Task The_last_possible_offset_gives_no_negative_page_link()
    {
        using var client = await HostileRequests.ClientAsync(factory);
        var response = await client.GetAsync("/ogcapi/collections/projects/items?offset=2147483647&limit=10000");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.GetProperty("numberReturned").GetInt32());
        var offsets = json.GetProperty("links").EnumerateArray()
            .SelectMany(l => Regex.Matches(l.GetProperty("href").GetString()!, @"[?&]offset=(-?\d+)").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.NotEmpty(offsets);
        Assert.All(offsets, o => Assert.InRange(o, 0, int.MaxValue));
        Assert.DoesNotContain(json.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "next");
    }

    private async Task AssertRefusedAsync(string name)
    {
        var request = HostileRequests.All[name];
        using var client = await HostileRequests.ClientAsync(factory);

        var (response, body, elapsed) = await HostileRequests.SendAsync(client, HostileRequests.Message(request));

        Assert.True(elapsed < HostileRequests.RequestTimeout(factory), $"'{name}' took {elapsed}");
        if (request.Status == StatusCodes.Status200OK)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await HostileRequests.AssertAliveAsync(client);
            return;
        }

        Assert.InRange((int)response.StatusCode, 400, 499);
        if (request.Status is { } status)
        {
            Assert.Equal(status, (int)response.StatusCode);
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (request.Detail is not null)
        {
            Assert.Contains(request.Detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        if (request.Parameter is not null)
        {
            Assert.Equal(request.Parameter, problem.GetProperty("parameter").GetString());
        }

        if (response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.RequestUriTooLong or HttpStatusCode.RequestHeaderFieldsTooLarge)
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("limit").GetString()));
        }

        await HostileRequests.AssertAliveAsync(client);
    }
}

public sealed class EmbeddedHostileRequestTests(EmbeddedServiceFactory factory) : HostileRequestCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisHostileRequestTests(PostGisServiceFactory factory) : HostileRequestCases(factory), IClassFixture<PostGisServiceFactory>;
