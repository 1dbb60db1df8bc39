using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;

namespace Geo.Api.Tests.OgcApi.Edits;

public sealed class EmbeddedFeatureEditTests(EmbeddedServiceFactory factory) : FeatureEditCases(factory), IClassFixture<EmbeddedServiceFactory>
{
    [Fact]
    public async Task The_edit_log_is_replayed_by_a_new_service_over_the_same_folder()
    {
        var folder = Factory.Services.GetRequiredService<IConfiguration>()["IndicatorActuals:Path"]!;
        var log = Path.Combine(folder, "feature-edits.jsonl");
        var linesBefore = File.Exists(log) ? (await File.ReadAllLinesAsync(log)).Length : 0;
        var editor = await ClientAsync(Role.Editor);
        var (url, etag, id) = await CreateAsync(editor, "before restart");
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("after restart", 108.45, 31.2)))).StatusCode);
        var (deletedUrl, deletedTag, _) = await CreateAsync(editor, "deleted before restart");
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, deletedUrl, deletedTag))).StatusCode);

        Assert.Equal(linesBefore + 4, (await File.ReadAllLinesAsync(log)).Length);

        await using var restarted = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Geo", "");
            b.UseSetting("GisData:Path", RepoPaths.GisData);
            b.UseSetting("IndicatorActuals:Path", folder);
        });
        var client = restarted.CreateClient();
        var read = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"2\"", read.Headers.ETag?.ToString());
        var feature = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("after restart", feature.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(108.45, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 9);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(deletedUrl)).StatusCode);

        // The restarted service goes on from the replayed versions and ids: no id is given twice.
        var (_, token) = await TestAccounts.CreateAsync(restarted.Services, Role.Editor);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await client.PostAsync(Facilities, Facility("after restart, new"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64() > id + 1);
    }
}

public sealed class PostGisFeatureEditTests(PostGisServiceFactory factory) : FeatureEditCases(factory), IClassFixture<PostGisServiceFactory>
{
    [Fact]
    public async Task The_history_table_keeps_every_version_and_refuses_UPDATE_DELETE_and_TRUNCATE()
    {
        var editor = await ClientAsync(Role.Editor);
        var (url, etag, id) = await CreateAsync(editor, "history");
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("history 2")))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, "\"2\""))).StatusCode);

        var database = Factory.Reference.Database;
        Assert.Equal("create,replace,delete", await database.ScalarAsync<string>(
            "SELECT string_agg(operation, ',' ORDER BY version) FROM feature_history WHERE collection = 'facilities' AND feature_id = $1", id));
        Assert.Equal("1,2,3", await database.ScalarAsync<string>(
            "SELECT string_agg(version::text, ',' ORDER BY version) FROM feature_history WHERE collection = 'facilities' AND feature_id = $1", id));
        Assert.Equal("history 2", await database.ScalarAsync<string>(
            "SELECT feature -> 'properties' ->> 'name' FROM feature_history WHERE collection = 'facilities' AND feature_id = $1 AND version = 2", id));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM facilities WHERE id = $1", id));

        foreach (var sql in new[] { "UPDATE feature_history SET user_name = 'nobody'", "DELETE FROM feature_history", "TRUNCATE feature_history" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => database.ScalarAsync<object>(sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM feature_history WHERE feature_id = $1", id));
    }

    [Fact]
    public async Task An_item_live_deleted_or_never_given_is_read_with_one_statement()
    {
        var editor = await ClientAsync(Role.Editor);
        var (live, _, id) = await CreateAsync(editor, "one statement");
        var (deleted, etag, _) = await CreateAsync(editor, "one statement, deleted");
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, deleted, etag))).StatusCode);

        // Each request carries a trace id of its own (traceparent), so the statements it ran are the Npgsql spans of
        // that trace, whatever other tests run meanwhile.
        var statements = new System.Collections.Concurrent.ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = statements.Add,
        };
        ActivitySource.AddActivityListener(listener);
        foreach (var (url, status) in new[] { (live, HttpStatusCode.OK), (deleted, HttpStatusCode.Gone), ($"{Facilities}/{id + 1000}", HttpStatusCode.NotFound) })
        {
            var trace = ActivityTraceId.CreateRandom();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            Assert.Equal(status, (await Factory.CreateClient().SendAsync(request)).StatusCode);
            var ran = statements.Where(a => a.TraceId == trace && a.Kind == ActivityKind.Client).ToList();
            Assert.True(ran.Count == 1, $"{url}: {string.Join(" | ", ran.Select(a => a.DisplayName))}");
        }
    }

    [Fact]
    public async Task The_version_column_is_the_ETag()
    {
        var editor = await ClientAsync(Role.Editor);
        var (url, etag, id) = await CreateAsync(editor, "versioned");
        var replaced = await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("versioned 2")));

        var version = await Factory.Reference.Database.ScalarAsync<long>("SELECT version FROM facilities WHERE id = $1", id);
        Assert.Equal($"\"{version}\"", replaced.Headers.ETag?.ToString());
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task A_restore_puts_back_the_imported_geometry_byte_for_byte_as_PostGIS_stores_it()
    {
        const string Zone = "/ogcapi/collections/zones/items/5";
        var database = Factory.Reference.Database;
        const string Wkb = "SELECT encode(ST_AsBinary(geom), 'hex') FROM zones WHERE id = 5";
        var imported = await database.ScalarAsync<string>(Wkb);
        var editor = await ClientAsync(Role.Editor);
        var moved = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, Zone, "\"1\"", MergePatch(
            """{"geometry":{"type":"Polygon","coordinates":[[[108.40,31.16],[108.41,31.16],[108.41,31.17],[108.40,31.17],[108.40,31.16]]]}}""")));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(imported, await database.ScalarAsync<string>(Wkb));

        var restored = await (await ClientAsync(Role.Admin)).SendAsync(WithIfMatch(HttpMethod.Post, Zone + "/restore", "\"2\"",
            new System.Net.Http.StringContent("""{"version":1}""", System.Text.Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(imported, await database.ScalarAsync<string>(Wkb));
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT version FROM zones WHERE id = 5"));
        Assert.Equal("import,patch,restore", await database.ScalarAsync<string>(
            "SELECT string_agg(operation, ',' ORDER BY version) FROM feature_history WHERE collection = 'zones' AND feature_id = 5"));
    }

    [Fact]
    public async Task A_feature_edit_and_an_indicator_value_commit_in_one_transaction_with_their_audit_rows()
    {
        var database = Factory.Reference.Database;
        var editor = await ClientAsync(Role.Editor);
        var (url, etag, id) = await CreateAsync(editor, "one transaction");
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, etag))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Hosting.IndicatorActualRows.RecordAsync(editor, 3, 41.5, "one transaction")).StatusCode);

        // xmin is the id of the transaction that wrote a row: the same on both rows means one commit wrote both.
        foreach (var (operation, action) in new[] { ("create", "feature.created"), ("delete", "feature.deleted") })
        {
            var history = await database.ScalarAsync<string>(
                "SELECT xmin::text FROM feature_history WHERE collection = 'facilities' AND feature_id = $1 AND operation = $2", id, operation);
            var audit = await database.ScalarAsync<string>(
                "SELECT xmin::text FROM audit_log WHERE collection = 'facilities' AND target = $1 AND action = $2", id.ToString(System.Globalization.CultureInfo.InvariantCulture), action);
            Assert.NotNull(history);
            Assert.Equal(history, audit);
        }

        var value = await database.ScalarAsync<string>("SELECT xmin::text FROM indicator_actuals WHERE note = 'one transaction'");
        Assert.NotNull(value);
        Assert.Equal(value, await database.ScalarAsync<string>(
            "SELECT xmin::text FROM audit_log WHERE action = 'indicator.actual-recorded' AND detail ->> 'note' = 'one transaction'"));
    }
}
