namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The viewer's API types (src/Geo.Viewer/src/api/schema.gen.ts) are what openapi-typescript generates from the
/// committed docs/openapi.json. After refreshing the document, regenerate them with <c>npm --prefix tools/openapi run types</c>.
/// </summary>
public sealed class ViewerApiTypesTests
{
    private static readonly string Committed = Path.Combine(RepoPaths.Root, "src", "Geo.Viewer", "src", "api", "schema.gen.ts");

    [Fact]
    public async Task The_committed_types_are_generated_from_the_committed_document()
    {
        var generated = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.gen.ts");
        try
        {
            var (exitCode, output) = await OpenApiTools.RunAsync(["openapi-typescript", "../../docs/openapi.json", "--output", generated]);
            Assert.True(exitCode == 0, $"openapi-typescript failed (exit {exitCode}):\n{output}");
            Assert.True(File.Exists(Committed), "src/Geo.Viewer/src/api/schema.gen.ts is missing; run npm --prefix tools/openapi run types");
            Assert.True(
                (await File.ReadAllTextAsync(generated)).ReplaceLineEndings("\n") == (await File.ReadAllTextAsync(Committed)).ReplaceLineEndings("\n"),
                "src/Geo.Viewer/src/api/schema.gen.ts is not what docs/openapi.json generates; run npm --prefix tools/openapi run types");
        }
        finally
        {
            File.Delete(generated);
        }
    }
}
