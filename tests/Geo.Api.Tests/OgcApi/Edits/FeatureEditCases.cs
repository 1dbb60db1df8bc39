using System.Globalization;
using System.Net.Http.Headers;

namespace Geo.Api.Tests.OgcApi.Edits;

/// <summary>
/// OGC API – Features Part 4 on both stores: who may write, what is refused and why, ETags and If-Match, and the audit
/// trail. Every case edits features it created itself, so the imported data other cases read stays as it was.
/// </summary>
public abstract partial class FeatureEditCases(ServiceFactory factory)
{
    protected const string Facilities = "/ogcapi/collections/facilities/items";

    protected ServiceFactory Factory => factory;

    protected async Task<HttpClient> ClientAsync(Role role)
    {
        var (_, token) = await TestAccounts.CreateAsync(factory.Services, role);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A facility to create; the keyset paging cases insert these too.</summary>
    internal static StringContent Facility(string name, double x = 108.4012345, double y = 31.1654321, string kind = "school", string? crs = null)
    {
        var content = new StringContent(
            $$$"""
            {"type":"Feature","geometry":{"type":"Point","coordinates":[{{{Num(x)}}},{{{Num(y)}}}]},
             "properties":{"kind":"{{{kind}}}","name":"{{{name}}}","planned":true,"source":"edit test","location_precision":"schematic","illustrative":true}}
            """, Encoding.UTF8, "application/geo+json");
        if (crs is not null)
        {
            content.Headers.Add("Content-Crs", $"<{crs}>");
        }

        return content;
    }

    protected static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    protected static HttpRequestMessage WithIfMatch(HttpMethod method, string url, string? etag, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }

    /// <summary>Creates a facility as an editor and returns its URL and ETag.</summary>
    protected async Task<(string Url, string ETag, long Id)> CreateAsync(HttpClient editor, string name)
    {
        var created = await editor.PostAsync(Facilities, Facility(name));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();
        return (created.Headers.Location!.AbsolutePath, created.Headers.ETag!.ToString(), id);
    }

    [Fact]
    public async Task A_create_is_401_anonymous_403_as_viewer_and_201_as_editor_and_a_new_request_sees_it()
    {
        var anonymous = await factory.CreateClient().PostAsync(Facilities, Facility("anonymous school"));
        var asViewer = await (await ClientAsync(Role.Viewer)).PostAsync(Facilities, Facility("viewer school"));
        var asEditor = await (await ClientAsync(Role.Editor)).PostAsync(Facilities, Facility("编辑新建学校"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal("application/problem+json", asViewer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, asEditor.StatusCode);
        Assert.Equal("\"1\"", asEditor.Headers.ETag?.ToString());
        var location = asEditor.Headers.Location!;
        Assert.Matches(@"^/ogcapi/collections/facilities/items/\d+$", location.AbsolutePath);

        var read = await factory.CreateClient().GetAsync(location.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        Assert.False(read.Headers.ETag!.IsWeak);
        var feature = await JsonAsync(read);
        Assert.Equal("编辑新建学校", feature.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(108.4012345, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 7);

        // Nothing of the refused writes reached the store.
        var all = await JsonAsync(await factory.CreateClient().GetAsync($"{Facilities}?limit=10000"));
        var names = all.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("anonymous school", names);
        Assert.DoesNotContain("viewer school", names);
        Assert.Single(names, n => n == "编辑新建学校");
    }

    [Fact]
    public async Task An_imported_feature_has_version_1_as_a_strong_ETag_and_answers_304_to_it()
    {
        var client = factory.CreateClient();
        var first = await client.GetAsync("/ogcapi/collections/zones/items/1");
        Assert.Equal("\"1\"", first.Headers.ETag?.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/ogcapi/collections/zones/items/1");
        again.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { """{"type":"Feature","geometry":{"type":"Point","coordinates":[108.4,31.16]},"properties":{"kind":"castle","name":"x","planned":true,"source":"s","location_precision":"schematic","illustrative":true}}""", "422", "properties.kind" },
        { """{"type":"Feature","geometry":{"type":"Point","coordinates":[108.4,31.16]},"properties":{"kind":"school","planned":true,"source":"s","location_precision":"schematic","illustrative":true}}""", "422", "properties.name" },
        { """{"type":"Feature","geometry":{"type":"Point","coordinates":[108.4,31.16]},"properties":{"kind":"school","name":"x","planned":"yes","source":"s","location_precision":"schematic","illustrative":true}}""", "422", "properties.planned" },
        { """{"type":"Feature","geometry":{"type":"Point","coordinates":[108.4,31.16]},"properties":{"kind":"school","name":"x","planned":true,"source":"s","location_precision":"schematic","illustrative":true,"colour":"red"}}""", "422", "properties.colour" },
        { """{"type":"Feature","geometry":{"type":"LineString","coordinates":[[108.4,31.16],[108.5,31.17]]},"properties":{"kind":"school","name":"x","planned":true,"source":"s","location_precision":"schematic","illustrative":true}}""", "422", "geometry" },
        { """{"type":"Feature","properties":{"kind":"school","name":"x","planned":true,"source":"s","location_precision":"schematic","illustrative":true}}""", "422", "geometry" },
        { """{"type":"FeatureCollection","features":[]}""", "400", "body" },
        { """{"type":"Feature", """, "400", "body" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Invalid_features_are_refused_naming_the_field(string body, string status, string field)
    {
        var editor = await ClientAsync(Role.Editor);
        var response = await editor.PostAsync(Facilities, new StringContent(body, Encoding.UTF8, "application/geo+json"));

        Assert.Equal(int.Parse(status, CultureInfo.InvariantCulture), (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"'{field}'", (await JsonAsync(response)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_intersecting_zone_is_422_and_a_non_editable_collection_is_405()
    {
        var editor = await ClientAsync(Role.Editor);
        var bowtie = await editor.PostAsync("/ogcapi/collections/zones/items", new StringContent(
            """
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[108.40,31.16],[108.41,31.17],[108.41,31.16],[108.40,31.17],[108.40,31.16]]]},
             "properties":{"name":"bowtie","kind":"key_town","source":"s","location_precision":"schematic","illustrative":true}}
            """, Encoding.UTF8, "application/geo+json"));
        var district = await editor.PostAsync("/ogcapi/collections/district/items", Facility("x"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bowtie.StatusCode);
        Assert.Contains("Self-intersection", (await JsonAsync(bowtie)).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, district.StatusCode);
        Assert.Equal("application/problem+json", district.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Content_Crs_4545_and_4490_are_turned_into_storage_coordinates()
    {
        // The expected Gauss-Krüger coordinates come from PostGIS (PROJ), not from the service's own transformation;
        // EPSG:4545's axis order is northing, easting, and so is 4490's latitude, longitude.
        const double Lon = 108.4123456, Lat = 31.1765432;
        var easting = await factory.Reference.Database.ScalarAsync<double>($"SELECT ST_X(ST_Transform(ST_SetSRID(ST_MakePoint({Num(Lon)}, {Num(Lat)}), 4490), 4545))");
        var northing = await factory.Reference.Database.ScalarAsync<double>($"SELECT ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint({Num(Lon)}, {Num(Lat)}), 4490), 4545))");
        var editor = await ClientAsync(Role.Editor);

        var projected = await editor.PostAsync(Facilities, Facility("gk school", northing, easting, crs: "http://www.opengis.net/def/crs/EPSG/0/4545"));
        var latLon = await editor.PostAsync(Facilities, Facility("latlon school", Lat, Lon, crs: "http://www.opengis.net/def/crs/EPSG/0/4490"));
        var unknown = await editor.PostAsync(Facilities, Facility("x", crs: "http://www.opengis.net/def/crs/EPSG/0/2385"));

        foreach (var created in new[] { projected, latLon })
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var read = await JsonAsync(await factory.CreateClient().GetAsync(created.Headers.Location!.AbsolutePath));
            var coordinates = read.GetProperty("geometry").GetProperty("coordinates");
            Assert.Equal(Lon, coordinates[0].GetDouble(), 6);
            Assert.Equal(Lat, coordinates[1].GetDouble(), 6);
        }

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Content-Crs", (await JsonAsync(unknown)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_and_delete_need_If_Match_428_without_412_when_stale()
    {
        var editor = await ClientAsync(Role.Editor);
        var (url, etag, _) = await CreateAsync(editor, "to replace");

        var missing = await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, null, Facility("no if-match")));
        var weak = await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, "W/" + etag, Facility("weak")));
        var replaced = await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("replaced", kind: "park")));
        var stale = await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("stale")));
        var staleDelete = await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, etag));
        var missingDelete = await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, null));

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"2\"", replaced.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);
        Assert.Equal((HttpStatusCode)428, missingDelete.StatusCode);

        var read = await factory.CreateClient().GetAsync(url);
        Assert.Equal("\"2\"", read.Headers.ETag?.ToString());
        Assert.Equal("park", (await JsonAsync(read)).GetProperty("properties").GetProperty("kind").GetString());

        var deleted = await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, "\"2\""));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await factory.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Two_editors_with_the_same_ETag_one_wins_one_gets_412_and_the_store_holds_the_winner()
    {
        var (url, etag, _) = await CreateAsync(await ClientAsync(Role.Editor), "contested");
        var first = await ClientAsync(Role.Editor);
        var second = await ClientAsync(Role.Editor);

        var answers = await Task.WhenAll(
            first.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("first editor"))),
            second.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("second editor"))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.PreconditionFailed);
        var winner = answers[0].StatusCode == HttpStatusCode.OK ? "first editor" : "second editor";
        var stored = await factory.CreateClient().GetAsync(url);
        Assert.Equal(winner, (await JsonAsync(stored)).GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("\"2\"", stored.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Each_write_is_audited_with_its_user_and_the_feature_before_and_after()
    {
        var (name, token) = await TestAccounts.CreateAsync(factory.Services, Role.Editor);
        var editor = factory.CreateClient();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var (url, etag, id) = await CreateAsync(editor, "audited");
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("audited twice")))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(WithIfMatch(HttpMethod.Delete, url, "\"2\""))).StatusCode);

        var entries = (await factory.Services.GetRequiredService<IAuditLog>()
                .QueryAsync(new AuditQuery(name, "facilities", null, null, 100), CancellationToken.None))
            .Where(e => e.Target == id.ToString(CultureInfo.InvariantCulture)).Reverse().ToList();

        Assert.Equal(["feature.created", "feature.replaced", "feature.deleted"], entries.Select(e => e.Action));
        var details = entries.Select(e => JsonDocument.Parse(e.Detail!).RootElement).ToList();
        Assert.Equal(JsonValueKind.Null, details[0].GetProperty("before").ValueKind);
        Assert.Equal("audited", details[0].GetProperty("after").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("audited", details[1].GetProperty("before").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("audited twice", details[1].GetProperty("after").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("audited twice", details[2].GetProperty("before").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, details[2].GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task History_lists_every_version_with_its_user_and_survives_the_delete()
    {
        var (firstName, firstToken) = await TestAccounts.CreateAsync(factory.Services, Role.Editor);
        var (secondName, secondToken) = await TestAccounts.CreateAsync(factory.Services, Role.Editor);
        var first = factory.CreateClient();
        first.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", firstToken);
        var second = factory.CreateClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secondToken);
        var (url, etag, _) = await CreateAsync(first, "history v1");
        Assert.Equal(HttpStatusCode.OK, (await second.SendAsync(WithIfMatch(HttpMethod.Put, url, etag, Facility("history v2", 108.5, 31.2)))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await first.SendAsync(WithIfMatch(HttpMethod.Delete, url, "\"2\""))).StatusCode);

        var history = await (await ClientAsync(Role.Viewer)).GetAsync(url + "/history");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var versions = (await JsonAsync(history)).GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L], versions.Select(v => v.GetProperty("version").GetInt64()));
        Assert.Equal([firstName, secondName, firstName], versions.Select(v => v.GetProperty("user").GetString()));
        Assert.Equal(["create", "replace", "delete"], versions.Select(v => v.GetProperty("operation").GetString()));
        Assert.Equal("history v1", versions[0].GetProperty("feature").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(108.5, versions[1].GetProperty("feature").GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, versions[2].GetProperty("feature").ValueKind);

        var viewer = await ClientAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/ogcapi/collections/facilities/items/999999999/history")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await viewer.GetAsync("/ogcapi/collections/zones/items/1/history"))).GetProperty("versions").GetArrayLength());

        // The history names people: anonymous reading (on here) does not reach it.
        var anonymous = await factory.CreateClient().GetAsync(url + "/history");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }
}
