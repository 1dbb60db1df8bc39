using System.Globalization;
using Geo.Api.Cli;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Routing;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// Parcels generated past one items page (12,000 by <c>generate-parcels</c>, the same seed into PostGIS and into a
/// gis-data folder) and served with <c>Exports:MaxFeatures</c> = 11,000 by both stores.
/// </summary>
public sealed class ManyParcels : IAsyncLifetime
{
    public const int Count = 12_000;
    public const int MaxFeatures = 11_000;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("full-export-");

    public TestDatabase Database { get; } = new();

    public ServiceFactory Embedded { get; private set; } = null!;

    public ServiceFactory PostGis { get; private set; } = null!;

    public ServiceFactory Store(string store) => store == "postgis" ? PostGis : Embedded;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.GisData))
        {
            File.Copy(file, Path.Combine(_folder.FullName, Path.GetFileName(file)));
        }

        var count = Count.ToString(CultureInfo.InvariantCulture);
        await RunAsync("import", RepoPaths.GisData, "--connection", Database.ConnectionString);
        await RunAsync("generate-parcels", "--count", count, "--seed", "3", "--connection", Database.ConnectionString);
        await RunAsync("generate-parcels", "--count", count, "--seed", "3", "--data", _folder.FullName);
        var limit = new Dictionary<string, string> { ["Exports:MaxFeatures"] = MaxFeatures.ToString(CultureInfo.InvariantCulture) };
        Embedded = new GisDataServiceFactory(_folder.FullName, limit);
        PostGis = new PostGisOnly(Database.ConnectionString, limit);
    }

    public async Task DisposeAsync()
    {
        await Embedded.DisposeAsync();
        await PostGis.DisposeAsync();
        await Database.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    private static async Task RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(await CliApp.RunAsync(args, output, error, CancellationToken.None) == 0, error.ToString());
    }

    private sealed class PostGisOnly(string connectionString, IReadOnlyDictionary<string, string> settings) : ServiceFactory
    {
        public override PostGisStoreFixture Reference => throw new NotSupportedException("the reference is ManyParcels.Database");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Geo", connectionString);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>
/// <c>/export</c> writes every match, not one page: GDAL counts the features of each file (and sums their areas)
/// and PostGIS counts the same selection with hand-written SQL, on both stores.
/// </summary>
public sealed class FullExportTests(ManyParcels parcels) : IClassFixture<ManyParcels>
{
    // 10,500 parcels: past the 10,000 of an items page, under the export limit of 11,000.
    private const string Filter = "id <= 10500";

    [Theory]
    [InlineData("embedded", "gpkg")]
    [InlineData("postgis", "gpkg")]
    [InlineData("embedded", "shp")]
    [InlineData("postgis", "shp")]
    [InlineData("embedded", "csv")]
    [InlineData("postgis", "csv")]
    [InlineData("embedded", "geojson")]
    [InlineData("postgis", "geojson")]
    public async Task An_export_past_one_page_holds_every_match(string store, string format)
    {
        var expected = await parcels.Database.ScalarAsync<long>("SELECT count(*) FROM parcels WHERE id <= 10500");
        var area = await parcels.Database.ScalarAsync<double>("SELECT sum(area_m2) FROM parcels WHERE id <= 10500");
        Assert.InRange(expected, 10_001, ManyParcels.MaxFeatures);

        var (count, sum) = await ExportAsync(store, $"f={format}&filter={Uri.EscapeDataString(Filter)}", format);

        Assert.Equal(expected, count);
        if (sum is { } exported)
        {
            Assert.Equal(area, exported, 0.01 * expected);
        }
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgis")]
    public async Task A_baopan_export_lists_every_parcel(string store)
    {
        var expected = await parcels.Database.ScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY id) FROM parcels WHERE id <= 10500");
        using var response = await parcels.Store(store).CreateClient().GetAsync($"/ogcapi/collections/parcels/export?f=txt&filter={Uri.EscapeDataString(Filter)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var text = CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetString(await response.Content.ReadAsByteArrayAsync());
        // One header line per 地块, ending in ",@", its third field the 地块编号 (the feature id); its point lines follow.
        var numbers = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.EndsWith(",@", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).Order();
        Assert.Equal(expected, string.Join(',', numbers));
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgis")]
    public async Task A_filtered_export_holds_what_PostGIS_selects(string store)
    {
        var expected = await parcels.Database.ScalarAsync<long>(
            "SELECT count(*) FROM parcels WHERE ST_Intersects(geom, ST_MakeEnvelope(108.2, 31.0, 108.6, 31.4, 4490)) AND land_use_code LIKE '03%'");
        Assert.InRange(expected, 1, 10_000);

        var (count, _) = await ExportAsync(store, $"f=gpkg&bbox=108.2,31.0,108.6,31.4&filter={Uri.EscapeDataString("land_use_code LIKE '03%'")}", "gpkg");

        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgis")]
    public async Task An_export_over_the_limit_is_413_naming_the_setting_and_paging_is_400(string store)
    {
        var client = parcels.Store(store).CreateClient();

        using var tooMany = await client.GetAsync("/ogcapi/collections/parcels/export?f=csv");
        using var paged = await client.GetAsync("/ogcapi/collections/parcels/export?f=csv&limit=100");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Equal("application/problem+json", tooMany.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("12,000 features", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("11,000 features (Exports:MaxFeatures)", problem.GetProperty("limit").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, paged.StatusCode);
        Assert.Equal("limit", JsonDocument.Parse(await paged.Content.ReadAsStringAsync()).RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public void An_export_runs_under_its_own_timeout_not_the_request_timeout_of_a_page()
    {
        var export = parcels.Embedded.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "export");

        Assert.Equal(TimeSpan.FromSeconds(600), export.Metadata.GetMetadata<RequestTimeoutPolicy>()?.Timeout);
    }

    /// <summary>Downloads an export and has ogrinfo count its features and, where the file has typed numbers, sum area_m2.</summary>
    private async Task<(long Count, double? AreaSum)> ExportAsync(string store, string query, string format)
    {
        using var response = await parcels.Store(store).CreateClient().GetAsync($"/ogcapi/collections/parcels/export?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("full-export-file-");
        try
        {
            var file = Path.Combine(folder.FullName, "parcels." + (format == "shp" ? "zip" : format));
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var source = format == "shp" ? "/vsizip/" + file : file;
            var summary = await Gdal.RunAsync("ogrinfo", "-ro", "-so", "-al", source);
            var count = long.Parse(summary.Split('\n').Single(l => l.StartsWith("Feature Count: ", StringComparison.Ordinal))["Feature Count: ".Length..], CultureInfo.InvariantCulture);
            if (format is not ("gpkg" or "shp"))
            {
                return (count, null);
            }

            var sql = await Gdal.RunAsync("ogrinfo", "-ro", "-q", "-sql", "SELECT SUM(area_m2) AS s FROM parcels", source);
            var line = sql.Split('\n').Single(l => l.TrimStart().StartsWith("s (Real) = ", StringComparison.Ordinal));
            return (count, double.Parse(line.Trim()["s (Real) = ".Length..], CultureInfo.InvariantCulture));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
