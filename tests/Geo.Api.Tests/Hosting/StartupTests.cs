namespace Geo.Api.Tests.Hosting;

/// <summary>Start-up on PostGIS with Database:MigrateOnStartup, against a database that has no schema yet.</summary>
public sealed class StartupTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Migrate_on_startup_creates_the_schema_and_the_service_answers()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Geo", _database.ConnectionString)
            .UseSetting("Database:MigrateOnStartup", "true"));

        var response = await factory.CreateClient().GetAsync("/ogcapi/collections/projects/items");
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, page.GetProperty("numberMatched").GetInt32());
        Assert.True(await _database.ScalarAsync<long>("SELECT count(*) FROM schema_version") >= 1);
    }
}

public sealed class ServiceDocTests(EmbeddedServiceFactory factory) : IClassFixture<EmbeddedServiceFactory>
{
    [Fact]
    public async Task The_service_doc_is_a_page_for_people()
    {
        var response = await factory.CreateClient().GetAsync("/api-docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api-docs")]
    [InlineData("/API-DOCS/")]
    public async Task The_service_doc_path_leads_to_the_page(string path)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        var page = new Uri(new Uri(client.BaseAddress!, path), response.Headers.Location!);
        Assert.Equal("/api-docs/index.html", page.AbsolutePath, ignoreCase: true);
    }

    [Fact]
    public async Task The_service_doc_pages_own_files_are_served()
    {
        var response = await factory.CreateClient().GetAsync("/api-docs/swagger-ui.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }
}
