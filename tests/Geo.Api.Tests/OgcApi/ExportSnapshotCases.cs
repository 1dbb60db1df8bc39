using System.Globalization;
using System.Text.RegularExpressions;
using Geo.Api.Backends.Embedded.Internal;
using Microsoft.AspNetCore.TestHost;

namespace Geo.Api.Tests.OgcApi;

/// <summary>
/// Projects (35 in gis-data) exported with <c>Exports:MaxFeatures</c> = 36 while rows are inserted: two right after the
/// store has counted and before it reads a row (the store is wrapped to do so), one more while the client reads the
/// body slowly. The inserts push the collection past the limit, so a download that read them would be cut short.
/// </summary>
public abstract class ExportRaceFactory : ServiceFactory, IAsyncLifetime
{
    public const int MaxFeatures = 36;

    private readonly PostGisStoreFixture _reference = new();

    private const long FirstId = 900_000;

    private long _nextId = FirstId;

    public override PostGisStoreFixture Reference => _reference;

    /// <summary>Whether the store inserts two projects after each snapshot is taken (off for an export that should be refused).</summary>
    public bool InsertAfterCount { get; set; }

    public Task InitializeAsync() => _reference.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => _reference.DisposeAsync();

    /// <summary>
    /// Adds a copy of the first project under a new id, as a concurrent writer would: with SQL to the reference
    /// database, which is the service's on PostGIS and mirrors the embedded store (both hold gis-data) otherwise.
    /// </summary>
    public async Task InsertAsync()
    {
        var id = Interlocked.Increment(ref _nextId);
        await using var insert = _reference.DataSource.CreateCommand(
            "INSERT INTO projects SELECT (jsonb_populate_record(p, jsonb_build_object('id', $1::bigint))).* FROM projects p ORDER BY id LIMIT 1");
        insert.Parameters.AddWithValue(id);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        await MirrorAsync(Services, id, removed: false);
    }

    /// <summary>Removes every project <see cref="InsertAsync"/> added, so that the next test starts under the limit.</summary>
    public async Task RemoveInsertedAsync()
    {
        await using var delete = _reference.DataSource.CreateCommand("DELETE FROM projects WHERE id > $1 RETURNING id");
        delete.Parameters.AddWithValue(FirstId);
        await using var reader = await delete.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            await MirrorAsync(Services, reader.GetInt64(0), removed: true);
        }
    }

    /// <summary>Makes the same insert or removal in the service's store when that is not the reference database.</summary>
    protected abstract Task MirrorAsync(IServiceProvider services, long id, bool removed);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Exports:MaxFeatures", MaxFeatures.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            var real = services.Single(s => s.ServiceType == typeof(IFeatureStore));
            services.Remove(real);
            services.AddSingleton<IFeatureStore>(sp => new InsertingStore(
                real.ImplementationInstance as IFeatureStore ?? (IFeatureStore)real.ImplementationFactory!(sp), this));
        });
    }

    /// <summary>The real store, except that a snapshot is followed by two inserts before its rows are read.</summary>
    private sealed class InsertingStore(IFeatureStore inner, ExportRaceFactory factory) : ForwardingFeatureStore(inner)
    {
        public override async Task<FeaturePage> QuerySnapshotAsync(FeatureQuery query, CancellationToken cancellationToken)
        {
            var page = await base.QuerySnapshotAsync(query, cancellationToken);
            if (factory.InsertAfterCount)
            {
                await factory.InsertAsync();
                await factory.InsertAsync();
            }

            return page;
        }
    }
}

/// <summary>The embedded service; a write goes through the loaded store, as the edit API's does.</summary>
public sealed class EmbeddedExportRace : ExportRaceFactory
{
    protected override async Task MirrorAsync(IServiceProvider services, long id, bool removed)
    {
        var store = services.GetRequiredService<EmbeddedStoreLoad>().Editor.Store;
        var first = await store.QueryAsync(new FeatureQuery(Catalog.Projects) { Limit = 1 }, CancellationToken.None).SingleAsync();
        store.Apply(Catalog.Projects, id, removed ? null : first with { Id = id });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        GisDataServiceFactory.UseEmbeddedStore(builder, RepoPaths.GisData);
        builder.UseSetting("IndicatorActuals:Path", DataFolder);
        base.ConfigureWebHost(builder);
    }
}

/// <summary>The PostGIS service on the reference database itself: the SQL insert is the write.</summary>
public sealed class PostGisExportRace : ExportRaceFactory
{
    protected override Task MirrorAsync(IServiceProvider services, long id, bool removed) => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Geo", Reference.Database.ConnectionString);
        base.ConfigureWebHost(builder);
    }
}

/// <summary>
/// An export sends exactly the rows it counted (one snapshot), never a file cut short by writes made while it is
/// counted or sent; the ids expected are read with SQL from the reference database (the same gis-data) before any
/// insert, and the file's ids by GDAL.
/// </summary>
public abstract partial class ExportSnapshotCases(ExportRaceFactory factory)
{
    [Theory]
    [InlineData("csv")]
    [InlineData("gpkg")]
    public async Task An_export_holds_the_rows_that_existed_when_it_started_while_rows_are_inserted(string format)
    {
        var expected = await ProjectIdsAsync();
        Assert.InRange(expected.Count, 1, ExportRaceFactory.MaxFeatures);

        var file = Path.Combine(Path.GetTempPath(), $"export-race-{Guid.NewGuid():N}.{format}");
        try
        {
            factory.InsertAfterCount = true;
            using var response = await factory.CreateClient().GetAsync($"/ogcapi/collections/projects/export?f={format}", HttpCompletionOption.ResponseHeadersRead);
            factory.InsertAfterCount = false;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // Read slowly, with one more insert after the first bytes.
            await using (var body = await response.Content.ReadAsStreamAsync())
            await using (var output = File.Create(file))
            {
                var buffer = new byte[512];
                for (int read, chunk = 0; (read = await body.ReadAsync(buffer)) > 0; chunk++)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read));
                    if (chunk == 0)
                    {
                        await factory.InsertAsync();
                    }

                    await Task.Delay(5);
                }
            }

            Assert.Equal(expected.Count + 3, await ProjectCountAsync());
            Assert.Equal(expected, await FileIdsAsync(file, format));
        }
        finally
        {
            factory.InsertAfterCount = false;
            File.Delete(file);
            await factory.RemoveInsertedAsync();
        }
    }

    [Fact]
    public async Task An_export_over_the_limit_at_its_start_is_refused_before_any_byte()
    {
        try
        {
            while (await ProjectCountAsync() <= ExportRaceFactory.MaxFeatures)
            {
                await factory.InsertAsync();
            }

            var count = await ProjectCountAsync();
            using var response = await factory.CreateClient().GetAsync("/ogcapi/collections/projects/export?f=csv");

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains($"{count:N0} features", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await factory.RemoveInsertedAsync();
        }
    }

    private Task<long> ProjectCountAsync() => factory.Reference.Database.ScalarAsync<long>("SELECT count(*) FROM projects");

    private async Task<List<long>> ProjectIdsAsync()
    {
        var ids = await factory.Reference.Database.ScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY id) FROM projects");
        return ids.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>The ids GDAL reads: a CSV's <c>id</c> column, a GeoPackage's fid (which ogrinfo shows as the feature number).</summary>
    private static async Task<List<long>> FileIdsAsync(string file, string format)
    {
        var dump = await Gdal.RunAsync("ogrinfo", "-ro", "-al", "-q", file);
        var id = format == "gpkg" ? Fid() : IdColumn();
        return id.Matches(dump).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
    }

    [GeneratedRegex(@"^\s+id \(\w+\) = (\d+)\r?$", RegexOptions.Multiline)]
    private static partial Regex IdColumn();

    [GeneratedRegex(@"^OGRFeature\([^)]*\):(\d+)\r?$", RegexOptions.Multiline)]
    private static partial Regex Fid();
}

public sealed class EmbeddedExportSnapshotTests(EmbeddedExportRace factory) : ExportSnapshotCases(factory), IClassFixture<EmbeddedExportRace>;

public sealed class PostGisExportSnapshotTests(PostGisExportRace factory) : ExportSnapshotCases(factory), IClassFixture<PostGisExportRace>;
