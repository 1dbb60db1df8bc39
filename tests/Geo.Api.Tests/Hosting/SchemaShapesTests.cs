namespace Geo.Api.Tests.Hosting;

/// <summary>
/// The schemas the viewer's types are generated from say what the answers really write: a property that is always
/// there is required and not null, a fixed word is an enum, a body's geometry is GeoJSON. A looser schema would let a
/// server change that breaks the viewer still build.
/// </summary>
public sealed class SchemaShapesTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    [Theory]
    [InlineData("GeoJsonFeature", "type")]
    [InlineData("GeoJsonFeatureCollection", "type")]
    [InlineData("ComplianceFinding", "severityLabel")]
    [InlineData("Subject", "hasArea")]
    public async Task A_computed_property_is_required_and_not_null(string schemaName, string property)
    {
        var schema = (await SchemasAsync()).GetProperty(schemaName);

        Assert.Contains(property, schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schema.GetProperty("properties").GetProperty(property).TryGetProperty("nullable", out _), $"{schemaName}.{property} is nullable");
    }

    [Theory]
    [InlineData("GeoJsonFeature", "Feature")]
    [InlineData("GeoJsonFeatureCollection", "FeatureCollection")]
    public async Task A_GeoJSON_document_type_is_its_one_word(string schemaName, string word)
    {
        var type = (await SchemasAsync()).GetProperty(schemaName).GetProperty("properties").GetProperty("type");

        Assert.Equal([word], type.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("ProjectsInAreaBody")]
    [InlineData("DrawnSiteBody")]
    public async Task A_body_geometry_is_a_GeoJSON_geometry(string schemaName)
    {
        var geometry = (await SchemasAsync()).GetProperty(schemaName).GetProperty("properties").GetProperty("geometry");

        Assert.Equal("object", geometry.GetProperty("type").GetString());
        Assert.Equal(
            ["GeometryCollection", "LineString", "MultiLineString", "MultiPoint", "MultiPolygon", "Point", "Polygon"],
            geometry.GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_session_role_is_one_of_the_roles()
    {
        var schemas = await SchemasAsync();

        Assert.Equal("#/components/schemas/Role", schemas.GetProperty("SessionAnswer").GetProperty("properties").GetProperty("role").GetProperty("$ref").GetString());
        Assert.Equal(Enum.GetValues<Role>().Select(Roles.Name), schemas.GetProperty("Role").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    private async Task<JsonElement> SchemasAsync()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        return document.RootElement.GetProperty("components").GetProperty("schemas").Clone();
    }
}
