using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Geo.Api.OgcApi;
using Geo.Core.GisData;

namespace Geo.Api.Tests.Imports;

/// <summary>What the import tests share: clients by role, test files and forms, the row digest, and waiting for an import to end.</summary>
public abstract class ImportTestBase(ServiceFactory factory)
{
    /// <summary>What a test file does not say about itself, said by the person importing it.</summary>
    protected const string Honesty = """{"source":"import test file","location_precision":"schematic","illustrative":true}""";

    protected ServiceFactory Factory => factory;

    protected async Task<HttpClient> ClientAsync(Role role, WebApplicationFactory<Program>? host = null)
    {
        var services = (host ?? factory).Services;
        var (_, token) = await TestAccounts.CreateAsync(services, role);
        var client = (host ?? factory).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Schools as GeoJSON points in CGCS2000 lon/lat.</summary>
    protected static byte[] Schools(params (double Lon, double Lat, string Name)[] schools) => Encoding.UTF8.GetBytes(
        "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", schools.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{{\"type\":\"Feature\",\"properties\":{{\"kind\":\"school\",\"name\":\"{s.Name}\",\"planned\":false}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{s.Lon},{s.Lat}]}}}}"))) + "]}");

    protected static MultipartFormDataContent Form(byte[] file, string name, params (string Field, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        foreach (var (field, value) in fields)
        {
            form.Add(new StringContent(value), field);
        }

        return form;
    }

    /// <summary>Every row of a collection as the service serves it, hashed, with the count of import entries in the audit trail.</summary>
    protected async Task<string> DigestAsync(CollectionDefinition collection)
    {
        var store = factory.Services.GetRequiredService<IFeatureStore>();
        var page = await store.QueryPageAsync(new FeatureQuery(collection), CancellationToken.None);
        var text = new StringBuilder();
        var count = 0;
        await foreach (var feature in page.Features)
        {
            text.Append(FeatureBody.Write(feature)).Append('\n');
            count++;
        }

        var audit = await factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(null, collection.Id, null, null, 10_000), CancellationToken.None);
        return $"{count}:{audit.Count(e => e.Action == AuditActions.Import)}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))}";
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Reads the status resource until the import has ended.</summary>
    protected static async Task<JsonElement> FinishedAsync(HttpClient client, Uri location)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await JsonAsync(await client.GetAsync(location));
            if (status.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the import at {location} did not end within 30 s");
    }
}

/// <summary>
/// <c>POST /api/imports</c> on both stores: who may import, the status resource from queued to succeeded, rows and
/// audit entry written once, repairs reported, and every refusal a 4xx naming file, row and reason with the
/// collection's rows (digest) and the audit trail unchanged.
/// </summary>
public abstract class ImportApiCases(ServiceFactory factory) : ImportTestBase(factory)
{
    [Fact]
    public async Task An_import_is_401_anonymous_403_as_editor_and_202_as_admin_and_its_rows_and_audit_entry_land_once()
    {
        var file = Schools((108.401, 31.161, "导入测试小学甲"), (108.402, 31.162, "导入测试小学乙"), (108.403, 31.163, "导入测试小学丙"));
        var before = await DigestAsync(Catalog.Facilities);

        var anonymous = await Factory.CreateClient().PostAsync("/api/imports", Form(file, "学校.geojson", ("collection", "facilities"), ("set", Honesty)));
        var editor = await (await ClientAsync(Role.Editor)).PostAsync("/api/imports", Form(file, "学校.geojson", ("collection", "facilities"), ("set", Honesty)));
        await ProblemAnswer.AssertAsync(anonymous, 401, null);
        await ProblemAnswer.AssertAsync(editor, 403, null);
        Assert.Equal(before, await DigestAsync(Catalog.Facilities));

        var admin = await ClientAsync(Role.Admin);
        var accepted = await admin.PostAsync("/api/imports", Form(file, "学校.geojson", ("collection", "facilities"), ("set", Honesty)));
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var location = accepted.Headers.Location!;
        Assert.StartsWith("/api/imports/", location.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains((await JsonAsync(accepted)).GetProperty("state").GetString(), new[] { "queued", "running", "succeeded" });

        var status = await FinishedAsync(admin, location);
        Assert.Equal("succeeded", status.GetProperty("state").GetString());
        Assert.Equal(100, status.GetProperty("percentDone").GetInt32());
        Assert.Equal(3, status.GetProperty("counts").GetProperty("read").GetInt32());
        Assert.Equal(3, status.GetProperty("counts").GetProperty("written").GetInt32());
        var (first, last) = (status.GetProperty("firstId").GetInt64(), status.GetProperty("lastId").GetInt64());
        Assert.Equal(2, last - first);

        var item = await JsonAsync(await Factory.CreateClient().GetAsync($"/ogcapi/collections/facilities/items/{first + 1}"));
        Assert.Equal("导入测试小学乙", item.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(108.402, item.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 7);
        var audit = await JsonAsync(await admin.GetAsync("/api/audit?collection=facilities"));
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("action").GetString() == "import" && e.GetProperty("user").GetString() == status.GetProperty("user").GetString());
        Assert.Equal("学校.geojson", entry.GetProperty("target").GetString());
        Assert.Equal(3, entry.GetProperty("detail").GetProperty("written").GetInt32());
        Assert.Equal(first, entry.GetProperty("detail").GetProperty("first_id").GetInt64());
        Assert.Equal("http", entry.GetProperty("detail").GetProperty("via").GetString());
    }

    [Fact]
    public async Task A_deleted_features_id_is_not_given_again_by_an_import()
    {
        var admin = await ClientAsync(Role.Admin);
        var created = await admin.PostAsync("/ogcapi/collections/facilities/items", Geo.Api.Tests.OgcApi.Edits.FeatureEditCases.Facility("导入前删除的设施"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var deletedUrl = created.Headers.Location!.AbsolutePath;
        var deletedId = long.Parse(deletedUrl[(deletedUrl.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, deletedUrl);
        delete.Headers.IfMatch.Add(created.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(delete)).StatusCode);

        var accepted = await admin.PostAsync("/api/imports", Form(Schools((108.405, 31.165, "删除之后导入小学")), "学校.geojson", ("collection", "facilities"), ("set", Honesty)));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await FinishedAsync(admin, accepted.Headers.Location!);
        Assert.Equal("succeeded", status.GetProperty("state").GetString());

        Assert.True(status.GetProperty("firstId").GetInt64() > deletedId, $"the import gave id {status.GetProperty("firstId")}, at or below deleted {deletedId}");
        Assert.Equal(HttpStatusCode.Gone, (await Factory.CreateClient().GetAsync(deletedUrl)).StatusCode);
    }

    [Fact]
    public async Task A_bow_tie_parcel_is_repaired_reported_and_written_with_the_repaired_area()
    {
        var admin = await ClientAsync(Role.Admin);

        var accepted = await admin.PostAsync("/api/imports", Form(await BowTieAsync(), "bowtie.geojson", ("collection", "parcels"), ("set", Honesty)));

        await AssertBowTieRepairedAsync(admin, accepted);
    }

    /// <summary>The same bow tie written by GDAL as a zipped GBK shapefile: polygon, PolygonZ and PolygonM.</summary>
    [Theory]
    [InlineData("XY")]
    [InlineData("XYZ")]
    [InlineData("XYM")]
    public async Task A_bow_tie_in_a_shapefile_is_repaired_and_reported_not_the_whole_file_refused(string dimensions)
    {
        var folder = Directory.CreateTempSubdirectory("bowtie-shp-");
        try
        {
            var geojson = Path.Combine(folder.FullName, "bowtie.geojson");
            await File.WriteAllBytesAsync(geojson, await BowTieAsync());
            var shp = Path.Combine(folder.FullName, "蝴蝶结.shp");
            await Gdal.RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", "-dim", dimensions, shp, geojson);
            var zip = new MemoryStream();
            using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var part in Directory.GetFiles(folder.FullName, "蝴蝶结.*"))
                {
                    await using var entry = archive.CreateEntry(Path.GetFileName(part)).Open();
                    await entry.WriteAsync(await File.ReadAllBytesAsync(part));
                }
            }

            var admin = await ClientAsync(Role.Admin);
            var accepted = await admin.PostAsync("/api/imports", Form(zip.ToArray(), "蝴蝶结.zip", ("collection", "parcels"),
                ("mapping", """{"land_use_c":"land_use_code","township_c":"township_code"}"""), ("set", Honesty)));

            await AssertBowTieRepairedAsync(admin, accepted);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>gis-data's first parcel as GeoJSON with two neighbouring vertices swapped, so that its ring crosses itself (a bow tie).</summary>
    private static async Task<byte[]> BowTieAsync()
    {
        var parcels = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.GisData, "parcels.geojson")))!;
        var feature = parcels["features"]![0]!.DeepClone();
        foreach (var key in new[] { "source", "location_precision", "illustrative" })
        {
            feature["properties"]!.AsObject().Remove(key);
        }

        var ring = feature["geometry"]!["coordinates"]![0]![0]!.AsArray();
        (ring[1], ring[2]) = (ring[2]!.DeepClone(), ring[1]!.DeepClone());
        return Encoding.UTF8.GetBytes(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature) }.ToJsonString());
    }

    /// <summary>The import succeeded with row 1 repaired for its self-intersection, stored valid with the repaired area.</summary>
    private async Task AssertBowTieRepairedAsync(HttpClient admin, HttpResponseMessage accepted)
    {
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var status = await FinishedAsync(admin, accepted.Headers.Location!);

        Assert.True(status.GetProperty("state").GetString() == "succeeded", status.ToString());
        var repair = Assert.Single(status.GetProperty("repairs").EnumerateArray());
        Assert.Equal(1, repair.GetProperty("row").GetInt32());
        Assert.Contains("Self-intersection", repair.GetProperty("problem").GetString(), StringComparison.Ordinal);
        var stored = await Factory.Services.GetRequiredService<IFeatureStore>()
            .GetAsync(Catalog.Parcels, status.GetProperty("firstId").GetInt64(), CancellationToken.None);
        Assert.True(stored!.Geometry!.IsValid);
        // Stored in two dimensions whatever the file carried (a PolygonZ's heights, a PolygonM's measures).
        Assert.All(stored.Geometry.Coordinates, c => Assert.True(double.IsNaN(c.Z) && double.IsNaN(c.M)));
        Assert.Equal(repair.GetProperty("areaAfterM2").GetDouble(), Geo.Core.Crs.GaussKruger108.AreaOf(stored.Geometry).SquareMetres, 0.01);
    }

    [Fact]
    public async Task A_dry_run_answers_the_report_and_writes_nothing()
    {
        var before = await DigestAsync(Catalog.Facilities);
        var response = await (await ClientAsync(Role.Admin)).PostAsync("/api/imports",
            Form(Schools((108.41, 31.17, "试运行小学")), "dry.geojson", ("collection", "facilities"), ("set", Honesty), ("dryRun", "true")));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var status = await JsonAsync(response);
        Assert.True(status.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, status.GetProperty("counts").GetProperty("valid").GetInt32());
        Assert.Equal(0, status.GetProperty("counts").GetProperty("written").GetInt32());
        Assert.Equal(before, await DigestAsync(Catalog.Facilities));
    }

    [Fact]
    public async Task Refused_rows_are_422_listing_file_row_field_and_reason_and_nothing_is_written()
    {
        // Row 2 lies in Sichuan (no part inside 开州区); row 3 has an unknown facility kind.
        var file = Encoding.UTF8.GetString(Schools((108.40, 31.16, "区内小学"), (104.06, 30.66, "成都某校"), (108.41, 31.17, "未知类型")))
            .Replace("\"kind\":\"school\",\"name\":\"未知类型\"", "\"kind\":\"castle\",\"name\":\"未知类型\"", StringComparison.Ordinal);
        var before = await DigestAsync(Catalog.Facilities);

        var response = await (await ClientAsync(Role.Admin)).PostAsync("/api/imports",
            Form(Encoding.UTF8.GetBytes(file), "混合.geojson", ("collection", "facilities"), ("set", Honesty)));

        await ProblemAnswer.AssertAsync(response, 422, "file");
        var problem = await JsonAsync(response);
        Assert.Contains("混合.geojson: 2 of 3 rows refused", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 2 && e.GetProperty("field").GetString() == "geometry"
            && e.GetProperty("reason").GetString()!.Contains("inside 开州区", StringComparison.Ordinal) && e.GetProperty("file").GetString() == "混合.geojson");
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 3 && e.GetProperty("field").GetString() == "kind");
        Assert.Equal(before, await DigestAsync(Catalog.Facilities));
    }
}

public sealed class EmbeddedImportApiTests(EmbeddedServiceFactory factory) : ImportApiCases(factory), IClassFixture<EmbeddedServiceFactory>;

public sealed class PostGisImportApiTests(PostGisServiceFactory factory) : ImportApiCases(factory), IClassFixture<PostGisServiceFactory>
{
    [Fact]
    public async Task The_rows_are_in_PostGIS_where_the_status_says()
    {
        var admin = await ClientAsync(Role.Admin);
        var accepted = await admin.PostAsync("/api/imports",
            Form(Schools((108.4211, 31.1711, "库中小学")), "one.geojson", ("collection", "facilities"), ("set", Honesty)));
        var status = await FinishedAsync(admin, accepted.Headers.Location!);

        Assert.Equal(1L, await factory.Reference.Database.ScalarAsync<long>(
            "SELECT count(*) FROM facilities WHERE id = $1 AND name = '库中小学' AND abs(ST_X(geom) - 108.4211) < 1e-9 AND abs(ST_Y(geom) - 31.1711) < 1e-9",
            status.GetProperty("firstId").GetInt64()));
    }
}
