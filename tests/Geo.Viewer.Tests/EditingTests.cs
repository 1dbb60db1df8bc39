using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Geo.Api.Accounts;
using Geo.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Geo.Viewer.Tests;

/// <summary>
/// The edit mode as an editor uses it, on both stores: drag a vertex of a resettlement area and change its capacity in
/// the form, save, read the version in the popup's history; then a colleague saves through the API between the
/// editor's read and save, and the editor sees both versions, takes theirs, and later overwrites deliberately. Every
/// outcome is read back from the API (the stored feature and its history), not from the page.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class EditingTests(ViewerFixture viewer)
{
    private const long ZoneId = 10;
    private const string Password = "editing test password";

    /// <summary>The vertex of zone 10's outer ring the editor drags (not the first: that one also closes the ring).</summary>
    private const int Vertex = 3;

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgis")]
    public async Task An_editor_moves_a_vertex_and_sets_the_capacity_then_meets_a_concurrent_edit(string store)
    {
        await using var service = await StoreService.StartAsync(store);
        using var accounts = await Accounts.CreateAsync(service, Role.Editor);
        var (editor, colleague, api) = (accounts.User, accounts.Colleague, accounts.Api);
        var original = GisDataFile.Feature("zones.geojson", ZoneId);
        var originalRing = Ring(original);
        Assert.Equal(1200, original.GetProperty("properties").GetProperty("capacity_households").GetInt32());

        var context = await viewer.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(service.Address, "/?testHooks").ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });
        var openEdit = page.Locator("#open-edit");
        await Expect(openEdit).ToBeHiddenAsync();
        await SignInAsync(page, editor);
        await Expect(openEdit).ToBeVisibleAsync();

        // Read: the edit mode loads version 1 of the zone clicked.
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "zones" });
        await page.ZoomToFeatureAsync("zones", ZoneId, 15);
        await openEdit.ClickAsync();
        var panel = page.Locator("#edit-panel");
        await Expect(panel.Locator(".edit-layer")).ToHaveValueAsync("zones");
        await ClickZoneAsync(page);
        await Expect(panel.Locator(".edit-target")).ToContainTextAsync("环汉丰湖居民自建房安置区 · 编号 10 · 版本 1");
        await Expect(panel.Locator("select[name=kind]")).ToHaveValueAsync("resettlement");
        await Expect(panel.Locator("[data-field=capacity_households] span").First).ToHaveTextAsync("安置容量（户）");

        // Drag one vertex 30 px outwards (away from the ring's centre, clear of snapping to anything else), set the capacity.
        var from = await page.LonLatOnPageAsync(originalRing[Vertex][0], originalRing[Vertex][1]);
        var centre = await page.LonLatOnPageAsync(originalRing.Average(c => c[0]), originalRing.Average(c => c[1]));
        var (dx, dy) = (from.X - centre.X, from.Y - centre.Y);
        var length = MathF.Sqrt(dx * dx + dy * dy);
        var to = (from.X + 30 * dx / length, from.Y + 30 * dy / length);
        var dropped = await page.LonLatAtPageAsync(to);
        await page.DragOnMapAsync(from, to);

        // A capacity that is not a whole number is named beside its field before anything is sent.
        await panel.Locator("input[name=capacity_households]").FillAsync("13.5");
        await panel.Locator(".edit-save").ClickAsync();
        await Expect(panel.Locator("#edit-field-capacity_households-error")).ToHaveTextAsync("请输入整数");
        Assert.Equal("\"1\"", (await GetAsync(api)).ETag);

        await panel.Locator("input[name=capacity_households]").FillAsync("1350");
        await panel.Locator(".edit-save").ClickAsync();
        await Expect(panel.Locator(".edit-status")).ToContainTextAsync("已保存: 试点片区 · 环汉丰湖居民自建房安置区 · 编号 10 · 版本 2");
        await ViewerFixture.ScreenshotAsync(page, $"30-edit-saved-{store}");

        var saved = await GetAsync(api);
        Assert.Equal("\"2\"", saved.ETag);
        Assert.Equal(1350, saved.Capacity);
        Assert.Equal("resettlement", saved.Properties["kind"]!.GetValue<string>());
        Assert.Equal(originalRing.Count, saved.Ring.Count);
        // The dragged vertex is where the mouse let go (within ~2 px at zoom 15); every other one is where it was.
        Assert.InRange(Distance(saved.Ring[Vertex], dropped), 0, 1e-4);
        Assert.True(Distance(saved.Ring[Vertex], originalRing[Vertex]) > 5e-4, "the vertex did not move");
        Assert.All(Enumerable.Range(0, originalRing.Count).Where(i => i != Vertex), i => Assert.InRange(Distance(saved.Ring[i], originalRing[i]), 0, 2e-7));

        // The popup's history lists the version with the editor and the operation; an editor gets no restore button.
        await openEdit.ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        await ClickZoneAsync(page);
        await page.Locator("#popup details.history summary").ClickAsync();
        var rows = page.Locator("#popup .history-list li");
        // Newest first; version 1 is the imported zone, kept in the history at its first edit.
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync($"版本 2 · 修改 · {editor}");
        await Expect(rows.Nth(1)).ToContainTextAsync("版本 1 · 导入");
        await Expect(rows.First.Locator("canvas.geometry-preview")).ToHaveCountAsync(1);
        await Expect(page.Locator("#popup .history-restore")).ToHaveCountAsync(0);
        Assert.Equal([(1L, null, "import"), (2L, editor, "replace")], await HistoryAsync(api));
        await ViewerFixture.ScreenshotAsync(page, $"31-edit-history-{store}");
        await page.Locator("#popup .popup-close").ClickAsync();

        // The editor reads version 2; the colleague saves version 3 through the API; the editor's save meets a 412.
        await openEdit.ClickAsync();
        await ClickZoneAsync(page);
        await Expect(panel.Locator(".edit-target")).ToContainTextAsync("版本 2");
        await PutCapacityAsync(api, 1400);
        await panel.Locator("input[name=capacity_households]").FillAsync("1450");
        await panel.Locator(".edit-save").ClickAsync();
        var conflict = panel.Locator(".edit-conflict");
        await Expect(conflict).ToContainTextAsync("此要素已被他人修改");
        await Expect(conflict.Locator(".conflict-by")).ToContainTextAsync($"版本 3 · 修改 · {colleague}");
        var capacityRow = conflict.Locator("tr[data-field=capacity_households]");
        await Expect(capacityRow.Locator(".conflict-mine")).ToHaveTextAsync("1,450");
        await Expect(capacityRow.Locator(".conflict-theirs")).ToHaveTextAsync("1,400");
        await Expect(capacityRow).ToHaveClassAsync("differs");
        await Expect(conflict.Locator("tr[data-field=name]")).Not.ToHaveClassAsync("differs");
        await ViewerFixture.ScreenshotAsync(page, $"32-edit-conflict-{store}");
        Assert.Equal(1400, (await GetAsync(api)).Capacity);

        // Reload takes theirs into the form; a second concurrent edit, then a deliberate overwrite with the new ETag.
        await conflict.Locator(".conflict-reload").ClickAsync();
        await Expect(panel.Locator(".edit-target")).ToContainTextAsync("版本 3");
        await Expect(panel.Locator("input[name=capacity_households]")).ToHaveValueAsync("1400");
        await PutCapacityAsync(api, 1420);
        await panel.Locator("input[name=capacity_households]").FillAsync("1450");
        await panel.Locator(".edit-save").ClickAsync();
        await Expect(conflict.Locator(".conflict-theirs").First).ToBeVisibleAsync();
        await Expect(capacityRow.Locator(".conflict-theirs")).ToHaveTextAsync("1,420");
        await conflict.Locator(".conflict-overwrite").ClickAsync();
        await Expect(panel.Locator(".edit-status")).ToContainTextAsync("已保存: 试点片区 · 环汉丰湖居民自建房安置区 · 编号 10 · 版本 5");

        var final = await GetAsync(api);
        Assert.Equal(("\"5\"", 1450), (final.ETag, final.Capacity));
        Assert.InRange(Distance(final.Ring[Vertex], dropped), 0, 1e-4);
        Assert.Equal([(1L, null, "import"), (2L, editor, "replace"), (3L, colleague, "replace"), (4L, colleague, "replace"), (5L, editor, "replace")], await HistoryAsync(api));
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgis")]
    public async Task An_admin_sees_the_servers_refusal_creates_a_facility_and_is_offered_restore(string store)
    {
        await using var service = await StoreService.StartAsync(store);
        using var accounts = await Accounts.CreateAsync(service, Role.Admin);
        var (admin, api) = (accounts.User, accounts.Api);
        var zonesBefore = await CountAsync(api, "zones");
        var facilitiesBefore = await CountAsync(api, "facilities");

        var context = await viewer.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(service.Address, "/?testHooks").ToString());
        await page.WaitForFunctionAsync("() => window.__viewerReady !== undefined", null, new() { Timeout = 20_000 });
        await SignInAsync(page, admin, "管理员");
        await page.EvaluateAsync("ids => __viewer.showOnly(ids)", new[] { "zones", "facilities" });
        await page.ZoomToFeatureAsync("zones", ZoneId, 15);
        await page.Locator("#open-edit").ClickAsync();
        var panel = page.Locator("#edit-panel");

        // A new zone drawn as a bow tie passes the form's checks; the server's 422 names the geometry, and nothing is stored.
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        (float X, float Y) At(float x, float y) => (box.X + x, box.Y + y);
        await panel.Locator(".edit-draw").ClickAsync();
        await Expect(panel.Locator(".edit-status")).ToHaveTextAsync("单击地图添加顶点，双击结束；按 Esc 取消");
        foreach (var (x, y) in new[] { At(60, 120), At(160, 220), At(160, 120), At(60, 220), At(60, 120) })
        {
            await page.Mouse.ClickAsync(x, y);
            await page.WaitForTimeoutAsync(300);
        }

        await Expect(panel.Locator(".edit-target")).ToHaveTextAsync("试点片区 · 新要素");
        await panel.Locator("input[name=name]").FillAsync("测试片区");
        await panel.Locator("select[name=kind]").SelectOptionAsync("resettlement");
        await panel.Locator("input[name=source]").FillAsync("browser test");
        await panel.Locator("select[name=location_precision]").SelectOptionAsync("schematic");
        await panel.Locator(".edit-save").ClickAsync();
        await Expect(panel.Locator(".edit-status")).ToHaveTextAsync("服务器拒绝了修改 (HTTP 422)");
        await Expect(panel.Locator(".edit-problem")).ToContainTextAsync("invalid geometry");
        Assert.Equal(zonesBefore, await CountAsync(api, "zones"));
        await panel.Locator(".edit-discard").ClickAsync();

        // A facility is a point: one click places it, the form takes the catalog's closed lists as drop-downs.
        await panel.Locator(".edit-layer").SelectOptionAsync("facilities");
        await Expect(panel.Locator(".edit-shape")).ToBeHiddenAsync();
        await panel.Locator(".edit-draw").ClickAsync();
        var placed = At(110, 300);
        var lonLat = await page.LonLatAtPageAsync(placed);
        await page.Mouse.ClickAsync(placed.X, placed.Y);
        await Expect(panel.Locator(".edit-target")).ToHaveTextAsync("公共服务设施 · 新要素");
        Assert.Contains("学校", await panel.Locator("select[name=kind] option").AllTextContentsAsync());
        await panel.Locator("select[name=kind]").SelectOptionAsync("school");
        await panel.Locator("input[name=name]").FillAsync("测试学校");
        await panel.Locator("input[name=source]").FillAsync("browser test");
        await panel.Locator("select[name=location_precision]").SelectOptionAsync("schematic");
        await panel.Locator("input[name=illustrative]").CheckAsync();
        await panel.Locator(".edit-save").ClickAsync();
        await Expect(panel.Locator(".edit-status")).ToContainTextAsync("已新建: 公共服务设施 · 测试学校 · 编号 ");
        await Expect(panel.Locator(".edit-status")).ToContainTextAsync(" · 版本 1");

        Assert.Equal(facilitiesBefore + 1, await CountAsync(api, "facilities"));
        var created = await FindAsync(api, "facilities", "测试学校");
        var id = created.GetProperty("id").GetInt64();
        var point = created.GetProperty("geometry").GetProperty("coordinates");
        Assert.InRange(Distance([point[0].GetDouble(), point[1].GetDouble()], lonLat), 0, 1e-4);
        var properties = created.GetProperty("properties");
        Assert.Equal(("school", false, true, JsonValueKind.Null), (properties.GetProperty("kind").GetString(), properties.GetProperty("planned").GetBoolean(),
            properties.GetProperty("illustrative").GetBoolean(), properties.GetProperty("project_id").ValueKind));

        // A second version through the API; the popup's history then offers an admin the first one to restore.
        await PutAsync(api, "facilities", id, body => body["properties"]!["name"] = "测试学校（改名）");
        await page.Locator("#open-edit").ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        await page.EvaluateAsync("() => new Promise(resolve => { __viewer.map.once('rendercomplete', () => resolve()); __viewer.map.render(); })");
        // Closing the panel widened the map: the facility is found where the map now draws it.
        var (fx, fy) = await page.FeatureOnPageAsync("facilities", id);
        await page.Mouse.ClickAsync(fx, fy);
        // The map still shows what it loaded (it does not poll); the history reads the server and lists the rename.
        await Expect(page.Locator("#popup h3").First).ToHaveTextAsync("公共服务设施 · 测试学校");
        await page.Locator("#popup details.history summary").ClickAsync();
        var rows = page.Locator("#popup .history-list li");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync($"版本 1 · 新建 · {admin}");
        await Expect(rows.Nth(0).Locator(".history-restore")).ToHaveCountAsync(0);
        await Expect(rows.Nth(1).Locator(".history-restore")).ToHaveTextAsync("恢复此版本");
        await ViewerFixture.ScreenshotAsync(page, $"33-edit-history-admin-{store}");

        // Restoring version 1 makes it current again as version 3: the server holds the first name and the history the restore.
        await rows.Nth(1).Locator(".history-restore").ClickAsync();
        await Expect(page.Locator("#popup .history-restored")).ToHaveTextAsync("已恢复: 版本 1");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToContainTextAsync($"版本 3 · 恢复 · {admin}");
        using var restored = await api.GetAsync(new Uri($"/ogcapi/collections/facilities/items/{id}", UriKind.Relative));
        Assert.Equal("\"3\"", restored.Headers.ETag!.Tag);
        using var restoredBody = JsonDocument.Parse(await restored.Content.ReadAsStringAsync());
        Assert.Equal("测试学校", restoredBody.RootElement.GetProperty("properties").GetProperty("name").GetString());
        await context.CloseAsync();
    }

    /// <summary>
    /// The page's user (<see cref="User"/>, signing in with <see cref="Password"/>) and a colleague, an editor whose
    /// token <see cref="Api"/> carries for the edits and checks made beside the page.
    /// </summary>
    private sealed record Accounts(string User, string Colleague, HttpClient Api) : IDisposable
    {
        public static async Task<Accounts> CreateAsync(StoreService service, Role role)
        {
            var user = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}";
            await service.Factory.Services.GetRequiredService<AccountService>().AddAsync(user, role, Password, "test", CancellationToken.None);
            var (colleague, token) = await TestAccounts.CreateAsync(service.Factory.Services, Role.Editor);
            var api = new HttpClient { BaseAddress = service.Address };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new Accounts(user, colleague, api);
        }

        public void Dispose() => Api.Dispose();
    }

    private static async Task SignInAsync(IPage page, string name, string role = "编辑")
    {
        await page.Locator("#account").ClickAsync();
        await page.FillAsync("#sign-in input[name=name]", name);
        await page.FillAsync("#sign-in input[name=password]", Password);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Expect(page.Locator("#account")).ToHaveTextAsync($"{name}（{role}） · 退出");
    }

    private static async Task<int> CountAsync(HttpClient api, string collection)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/ogcapi/collections/{collection}/items?limit=10000", UriKind.Relative)));
        return document.RootElement.GetProperty("features").GetArrayLength();
    }

    private static async Task<JsonElement> FindAsync(HttpClient api, string collection, string name)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/ogcapi/collections/{collection}/items?limit=10000", UriKind.Relative)));
        return document.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("name").GetString() == name).Clone();
    }

    /// <summary>Clicks zone 10 once the map has drawn its current size (opening a side panel narrows it).</summary>
    private static async Task ClickZoneAsync(IPage page)
    {
        await page.EvaluateAsync("() => new Promise(resolve => { __viewer.map.once('rendercomplete', () => resolve()); __viewer.map.render(); })");
        var (x, y) = await page.FeatureOnPageAsync("zones", ZoneId);
        await page.Mouse.ClickAsync(x, y);
    }

    private sealed record Stored(string ETag, JsonObject Properties, List<double[]> Ring)
    {
        public int Capacity => Properties["capacity_households"]!.GetValue<int>();
    }

    private static async Task<Stored> GetAsync(HttpClient api)
    {
        using var response = await api.GetAsync(new Uri($"/ogcapi/collections/zones/items/{ZoneId}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new Stored(response.Headers.ETag!.ToString(), JsonNode.Parse(document.RootElement.GetProperty("properties").GetRawText())!.AsObject(), Ring(document.RootElement));
    }

    /// <summary>A colleague's edit: read the current version, change the capacity, PUT it with that version's ETag.</summary>
    private static Task PutCapacityAsync(HttpClient api, int capacity) =>
        PutAsync(api, "zones", ZoneId, body => body["properties"]!["capacity_households"] = capacity);

    /// <summary>An edit through the API: read the current version, change it, PUT it with that version's ETag.</summary>
    private static async Task PutAsync(HttpClient api, string collection, long id, Action<JsonObject> change)
    {
        var path = new Uri($"/ogcapi/collections/{collection}/items/{id}", UriKind.Relative);
        using var read = await api.GetAsync(path);
        var feature = JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        var body = new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = feature["geometry"]!.DeepClone(),
            ["properties"] = feature["properties"]!.DeepClone(),
        };
        change(body);
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/geo+json") };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        using var response = await api.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<(long Version, string? User, string Operation)>> HistoryAsync(HttpClient api)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/ogcapi/collections/zones/items/{ZoneId}/history", UriKind.Relative)));
        return document.RootElement.GetProperty("versions").EnumerateArray()
            .Select(v => (v.GetProperty("version").GetInt64(), v.GetProperty("user").GetString(), v.GetProperty("operation").GetString()!))
            .ToList();
    }

    /// <summary>The first polygon's outer ring of a GeoJSON MultiPolygon feature, as lon/lat pairs.</summary>
    private static List<double[]> Ring(JsonElement feature) =>
        feature.GetProperty("geometry").GetProperty("coordinates")[0][0].EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() }).ToList();

    private static double Distance(double[] a, double[] b) => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2));

    /// <summary>A service of its own for each store, so the edits here change no other test's data.</summary>
    private sealed class StoreService : IAsyncDisposable
    {
        // The Kestrel address first: asking for Services before would start the in-memory test server instead.
        private StoreService(ServiceFactory factory) => (Factory, Address) = (factory, factory.ListeningAddress);

        public Uri Address { get; }

        public ServiceFactory Factory { get; }

        public static async Task<StoreService> StartAsync(string store)
        {
            switch (store)
            {
                case "embedded":
                    return new StoreService(new GisDataServiceFactory());
                case "postgis":
                    var postGis = new PostGisServiceFactory();
                    await postGis.InitializeAsync();
                    return new StoreService(postGis);
                default:
                    throw new ArgumentOutOfRangeException(nameof(store), store, "embedded or postgis");
            }
        }

        /// <summary>The service first, then its database (PostGIS), so no connection is left to a dropped database.</summary>
        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            if (Factory is IAsyncLifetime lifetime)
            {
                await lifetime.DisposeAsync();
            }
        }
    }
}
