using System.Globalization;
using System.Net.Http.Headers;

namespace Geo.Api.Tests.OgcApi.Edits;

/// <summary>PATCH, soft delete, restore, the district check and the audit of each, on both stores.</summary>
public abstract partial class FeatureEditCases
{
    /// <summary>An imported zone that only the restore case edits (other cases read zone 1 or their own features).</summary>
    protected const string RestoredZone = "/ogcapi/collections/zones/items/3";

    protected static StringContent MergePatch(string json, string mediaType = "application/merge-patch+json", string? crs = null)
    {
        var content = new StringContent(json, Encoding.UTF8, mediaType);
        if (crs is not null)
        {
            content.Headers.Add("Content-Crs", $"<{crs}>");
        }

        return content;
    }

    protected async Task<(HttpClient Client, string Name)> NamedClientAsync(Role role)
    {
        var (name, token) = await TestAccounts.CreateAsync(Factory.Services, role);
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, name);
    }

    private async Task<List<AuditEntry>> AuditOfAsync(string user, string collection, long id) =>
        [.. (await Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(user, collection, null, null, 100), CancellationToken.None))
            .Where(e => e.Target == id.ToString(CultureInfo.InvariantCulture)).Reverse()];

    [Fact]
    public async Task PATCH_merges_properties_keeps_the_geometry_and_a_patched_geometry_replaces_it()
    {
        var (editor, name) = await NamedClientAsync(Role.Editor);
        var (url, etag, id) = await CreateAsync(editor, "patch me");

        var wrongType = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, etag, MergePatch("""{"properties":{"name":"x"}}""", "application/json")));
        var noIfMatch = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, null, MergePatch("""{"properties":{"name":"x"}}""")));
        var removesRequired = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, etag, MergePatch("""{"properties":{"name":null}}""")));
        var unknownMember = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, etag, MergePatch("""{"colour":"red"}""")));
        var patched = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, etag, MergePatch("""{"properties":{"name":"已合并","kind":"park"}}""")));
        var stale = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, etag, MergePatch("""{"properties":{"name":"stale"}}""")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, removesRequired.StatusCode);
        Assert.Contains("'properties.name'", (await JsonAsync(removesRequired)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownMember.StatusCode);
        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        Assert.Equal("\"2\"", patched.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var read = await JsonAsync(await Factory.CreateClient().GetAsync(url));
        Assert.Equal("已合并", read.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("park", read.GetProperty("properties").GetProperty("kind").GetString());
        Assert.Equal("edit test", read.GetProperty("properties").GetProperty("source").GetString());
        Assert.Equal(108.4012345, read.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 9);

        // A geometry in the patch replaces the whole geometry, read in its Content-Crs (EPSG:4490: lat, lon).
        var moved = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, "\"2\"",
            MergePatch("""{"geometry":{"type":"Point","coordinates":[31.17,108.42]}}""", crs: "http://www.opengis.net/def/crs/EPSG/0/4490")));
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var after = await JsonAsync(await Factory.CreateClient().GetAsync(url));
        Assert.Equal(108.42, after.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 9);
        Assert.Equal(31.17, after.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble(), 9);
        Assert.Equal("已合并", after.GetProperty("properties").GetProperty("name").GetString());

        var audit = await AuditOfAsync(name, "facilities", id);
        Assert.Equal(["feature.created", "feature.patched", "feature.patched"], audit.Select(e => e.Action));
        Assert.Equal("patch me", JsonDocument.Parse(audit[1].Detail!).RootElement.GetProperty("before").GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_deleted_feature_is_gone_from_items_answers_410_to_every_method_and_keeps_its_history()
    {
        var editor = await ClientAsync(Role.Editor);
        var (url, etag, id) = await CreateAsync(editor, "soft deleted");
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, etag))).StatusCode);

        var get = await Factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Contains("restore", (await JsonAsync(get)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, "\"2\"", Facility("x")))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, "\"2\"", MergePatch("{}")))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, "\"2\""))).StatusCode);

        var all = await JsonAsync(await Factory.CreateClient().GetAsync($"{Facilities}?limit=10000"));
        Assert.DoesNotContain(all.GetProperty("features").EnumerateArray(), f => f.GetProperty("id").GetInt64() == id);
        var history = await JsonAsync(await (await ClientAsync(Role.Viewer)).GetAsync(url + "/history"));
        Assert.Equal(["create", "delete"], history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("operation").GetString()));
    }

    [Fact]
    public async Task An_id_never_given_is_404_not_410_to_GET_and_PATCH()
    {
        var editor = await ClientAsync(Role.Editor);
        var (_, _, id) = await CreateAsync(editor, "the greatest id so far");
        var url = $"{Facilities}/{id + 1000}";

        var get = await Factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, "\"1\"", MergePatch("{}")))).StatusCode);
    }

    [Fact]
    public async Task Three_edits_by_two_users_give_four_versions_and_an_admin_restores_the_first()
    {
        var (first, firstName) = await NamedClientAsync(Role.Editor);
        var (second, secondName) = await NamedClientAsync(Role.Editor);
        var (admin, adminName) = await NamedClientAsync(Role.Admin);
        var original = await JsonAsync(await Factory.CreateClient().GetAsync(RestoredZone));

        const string Square = """{"type":"Polygon","coordinates":[[[108.40,31.16],[108.41,31.16],[108.41,31.17],[108.40,31.17],[108.40,31.16]]]}""";
        var replaced = await first.SendAsync(WithIfMatch(HttpMethod.Put, RestoredZone, "\"1\"", new StringContent(
            $$$"""{"type":"Feature","geometry":{{{Square}}},"properties":{"name":"改过的片区","kind":"key_town","capacity_households":120,"source":"edit test","location_precision":"schematic","illustrative":true}}""",
            Encoding.UTF8, "application/geo+json")));
        Assert.True(replaced.StatusCode == HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await second.SendAsync(WithIfMatch(HttpMethod.Patch, RestoredZone, "\"2\"", MergePatch("""{"properties":{"capacity_households":150}}""")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.SendAsync(WithIfMatch(HttpMethod.Patch, RestoredZone, "\"3\"", MergePatch("""{"properties":{"name":"再改"}}""")))).StatusCode);

        var versions = (await JsonAsync(await second.GetAsync(RestoredZone + "/history"))).GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L, 4L], versions.Select(v => v.GetProperty("version").GetInt64()));
        Assert.Equal([null, firstName, secondName, firstName], versions.Select(v => v.GetProperty("user").GetString()));
        Assert.Equal(["import", "replace", "patch", "patch"], versions.Select(v => v.GetProperty("operation").GetString()));
        Assert.Equal(original.GetProperty("geometry").GetRawText(), versions[0].GetProperty("feature").GetProperty("geometry").GetRawText());

        var asEditor = await first.SendAsync(WithIfMatch(HttpMethod.Post, RestoredZone + "/restore", "\"4\"", JsonContent("""{"version":1}""")));
        var staleRestore = await admin.SendAsync(WithIfMatch(HttpMethod.Post, RestoredZone + "/restore", "\"3\"", JsonContent("""{"version":1}""")));
        var unknownVersion = await admin.SendAsync(WithIfMatch(HttpMethod.Post, RestoredZone + "/restore", "\"4\"", JsonContent("""{"version":9}""")));
        var noVersion = await admin.SendAsync(WithIfMatch(HttpMethod.Post, RestoredZone + "/restore", "\"4\"", JsonContent("""{"v":1}""")));
        var restored = await admin.SendAsync(WithIfMatch(HttpMethod.Post, RestoredZone + "/restore", "\"4\"", JsonContent("""{"version":1}""")));

        Assert.Equal(HttpStatusCode.Forbidden, asEditor.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleRestore.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownVersion.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.True(restored.StatusCode == HttpStatusCode.OK, await restored.Content.ReadAsStringAsync());
        Assert.Equal("\"5\"", restored.Headers.ETag?.ToString());
        var read = await Factory.CreateClient().GetAsync(RestoredZone);
        Assert.Equal("\"5\"", read.Headers.ETag?.ToString());
        var now = await JsonAsync(read);
        Assert.Equal(original.GetProperty("geometry").GetRawText(), now.GetProperty("geometry").GetRawText());
        Assert.Equal(original.GetProperty("properties").GetRawText(), now.GetProperty("properties").GetRawText());

        var last = (await JsonAsync(await second.GetAsync(RestoredZone + "/history"))).GetProperty("versions").EnumerateArray().Last();
        Assert.Equal(("restore", adminName), (last.GetProperty("operation").GetString(), last.GetProperty("user").GetString()));
        var audit = Assert.Single(await AuditOfAsync(adminName, "zones", 3));
        Assert.Equal("feature.restored", audit.Action);
        Assert.Equal(1, JsonDocument.Parse(audit.Detail!).RootElement.GetProperty("restoredFrom").GetInt64());
    }

    [Fact]
    public async Task A_deleted_feature_is_restored_with_If_Match_of_its_delete()
    {
        var editor = await ClientAsync(Role.Editor);
        var admin = await ClientAsync(Role.Admin);
        var (url, etag, _) = await CreateAsync(editor, "back again");
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, etag))).StatusCode);

        var stale = await admin.SendAsync(WithIfMatch(HttpMethod.Post, url + "/restore", "\"1\"", JsonContent("""{"version":1}""")));
        var ofDelete = await admin.SendAsync(WithIfMatch(HttpMethod.Post, url + "/restore", "\"2\"", JsonContent("""{"version":2}""")));
        var restored = await admin.SendAsync(WithIfMatch(HttpMethod.Post, url + "/restore", "\"2\"", JsonContent("""{"version":1}""")));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ofDelete.StatusCode);
        Assert.True(restored.StatusCode == HttpStatusCode.OK, await restored.Content.ReadAsStringAsync());
        Assert.Equal("\"3\"", restored.Headers.ETag?.ToString());
        var read = await Factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("back again", (await JsonAsync(read)).GetProperty("properties").GetProperty("name").GetString());
        var all = await JsonAsync(await Factory.CreateClient().GetAsync($"{Facilities}?limit=10000"));
        Assert.Single(all.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("name").GetString() == "back again");
    }

    [Fact]
    public async Task A_geometry_outside_the_district_is_422_unless_an_audited_reason_overrides_it()
    {
        var (editor, name) = await NamedClientAsync(Role.Editor);
        var outside = await editor.PostAsync(Facilities, Facility("in Chengdu", 104.06, 30.67));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        var problem = await JsonAsync(outside);
        Assert.Contains("'geometry'", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("X-Override-Reason", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        const string Reason = "跨区共建项目，位置经规划局确认";
        var content = Facility("cross-border school", 104.06, 30.67);
        using var request = new HttpRequestMessage(HttpMethod.Post, Facilities) { Content = content };
        request.Headers.Add("X-Override-Reason", Uri.EscapeDataString(Reason));
        var overridden = await editor.SendAsync(request);
        Assert.True(overridden.StatusCode == HttpStatusCode.Created, await overridden.Content.ReadAsStringAsync());
        var id = (await JsonAsync(overridden)).GetProperty("id").GetInt64();
        var audit = Assert.Single(await AuditOfAsync(name, "facilities", id));
        Assert.Equal(Reason, JsonDocument.Parse(audit.Detail!).RootElement.GetProperty("districtOverrideReason").GetString());

        // A patch that moves a feature out is held to the same rule.
        var (url, etag, _) = await CreateAsync(editor, "stays home");
        var movedOut = await editor.SendAsync(WithIfMatch(HttpMethod.Patch, url, etag, MergePatch("""{"geometry":{"type":"Point","coordinates":[104.06,30.67]}}""")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, movedOut.StatusCode);
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");
}
