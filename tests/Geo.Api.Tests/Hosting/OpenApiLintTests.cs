namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The committed docs/openapi.json passes Spectral's OpenAPI ruleset (<c>spectral:oas</c>) with no errors, so that
/// client generators and tools such as GDAL read it as written. Run by hand: <c>npm --prefix tools/openapi run lint</c>.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task The_committed_document_has_no_linter_errors()
    {
        var (exitCode, output) = await OpenApiTools.RunAsync(
            ["spectral", "lint", "--fail-severity", "error", "--ruleset", ".spectral.yaml", "../../docs/openapi.json"]);

        Assert.True(exitCode == 0, $"spectral lint found errors in docs/openapi.json (exit {exitCode}):\n{output}");
        // Spectral ran and said so: a summary with no errors, or no findings at all.
        Assert.Matches("0 errors|No results with a severity of 'error' found", output);
    }
}
