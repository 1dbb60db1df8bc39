using System.Text.Json;
using Geo.Testing;

namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The committed docs/openapi.json is the OpenAPI document the service generates. When an endpoint changes, refresh
/// it with <c>UPDATE_OPENAPI=1 dotnet test tests/Geo.Api.Tests --filter OpenApiDocumentTests</c>.
/// </summary>
public sealed class OpenApiDocumentTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    private static readonly string Committed = Path.Combine(RepoPaths.Root, "docs", "openapi.json");

    [Fact]
    public async Task The_committed_document_is_the_generated_one()
    {
        var generated = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(Committed, generated.ReplaceLineEndings("\n").TrimEnd() + "\n");
        }

        Assert.True(File.Exists(Committed), "docs/openapi.json is missing; " + Refresh);
        Assert.True(JsonEqual(generated, await File.ReadAllTextAsync(Committed)), "docs/openapi.json is out of date; " + Refresh);
    }

    [Fact]
    public async Task The_document_is_OpenAPI_3_0_with_every_OGC_path()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.StartsWith("3.0", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        foreach (var path in new[] { "/ogcapi", "/ogcapi/conformance", "/ogcapi/collections", "/ogcapi/collections/{collectionId}",
                     "/ogcapi/collections/{collectionId}/queryables", "/ogcapi/collections/{collectionId}/items",
                     "/ogcapi/collections/{collectionId}/items/{featureId}", "/ogcapi/collections/{collectionId}/search" })
        {
            Assert.Contains(path, paths);
        }
    }

    private const string Refresh = "run UPDATE_OPENAPI=1 dotnet test tests/Geo.Api.Tests --filter OpenApiDocumentTests";

    private static bool JsonEqual(string a, string b) =>
        JsonSerializer.Serialize(JsonDocument.Parse(a).RootElement) == JsonSerializer.Serialize(JsonDocument.Parse(b).RootElement);
}
