using System.Text.Json;
using Xunit;

namespace Geo.Testing;

/// <summary>What every refused request must look like: the status, problem+json, a detail, and the parameter it names.</summary>
public static class ProblemAnswer
{
    public static async Task AssertAsync(HttpResponseMessage response, int status, string? parameter)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (parameter is not null)
        {
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }
}
