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

    [Fact]
    public async Task Every_success_response_has_a_schema_for_each_content_type()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var missing = new List<string>();
        var successes = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                // 204 No Content has no body to describe.
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2') && r.Name != "204"))
                {
                    successes++;
                    if (!response.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
                    {
                        missing.Add($"{operation.Name} {path.Name} {response.Name}: no content");
                        continue;
                    }

                    missing.AddRange(content.EnumerateObject()
                        .Where(c => !c.Value.TryGetProperty("schema", out var schema) || !schema.EnumerateObject().Any())
                        .Select(c => $"{operation.Name} {path.Name} {response.Name} {c.Name}: no schema"));
                }
            }
        }

        Assert.True(successes >= 19, $"only {successes} success responses found; the document lost endpoints");
        Assert.True(missing.Count == 0, "responses without a schema:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Optional_body_fields_are_not_required()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var body in new[] { "ProjectsInAreaBody", "DrawnSiteBody", "ActualBody", "OverlayBody" })
        {
            Assert.False(schemas.GetProperty(body).TryGetProperty("required", out var required) && required.GetArrayLength() > 0,
                $"{body} marks optional fields required: {required}");
        }
    }

    private const string Refresh = "run UPDATE_OPENAPI=1 dotnet test tests/Geo.Api.Tests --filter OpenApiDocumentTests";

    private static bool JsonEqual(string a, string b) =>
        JsonSerializer.Serialize(JsonDocument.Parse(a).RootElement) == JsonSerializer.Serialize(JsonDocument.Parse(b).RootElement);
}
