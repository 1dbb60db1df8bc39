namespace Geo.Api.Tests.Hosting;

/// <summary>Bodies the framework cannot bind get a 400 that says why, not a bare "Bad Request".</summary>
public sealed class BadRequestProblemsTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    [Theory]
    [InlineData("/api/analysis/projects-in-area", "{bad", "invalid start of a property name")]
    [InlineData("/api/analysis/projects-in-area", "{\"zoneId\": \"x\"}", "$.zoneId")]
    [InlineData("/api/analysis/overlay", "[1, 2]", "could not be converted")]
    public async Task An_unreadable_body_is_a_400_saying_where(string url, string body, string detail)
    {
        var response = await factory.CreateClient().PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
