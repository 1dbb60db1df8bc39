using System.Net.Http.Headers;
using System.Net.Http.Json;
using Geo.Api.Accounts;
using Geo.Api.Backends.Embedded.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Geo.Api.Tests.Accounts;

/// <summary>Who may write, on both stores: 401 without an account, 403 as viewer, 201 as editor, each write audited with its user.</summary>
public abstract class AuthorizationCases(ServiceFactory factory)
{
    private const string Actuals = "/api/indicators/8/actuals";

    protected ServiceFactory Factory => factory;

    /// <summary>A second service process on the same store (database, or folder), as behind a balancer.</summary>
    protected abstract WebApplicationFactory<Program> AnotherProcess();

    /// <summary>How many Data Protection keys the store holds (table rows, or files in the keys folder).</summary>
    protected abstract Task<long> StoredKeyCountAsync();

    /// <summary>The audit trail as the store holds it, read without the service's code: (user, action, collection, target) oldest first.</summary>
    protected abstract Task<List<(string? User, string Action, string? Collection, string? Target)>> StoredAuditAsync();

    private static StringContent Actual(double value, string note) =>
        new($$"""{"value":{{value}},"asOf":"2026-06-30","note":"{{note}}"}""", Encoding.UTF8, "application/json");

    private async Task<(string Name, HttpClient Client)> SignedInAsync(Role role)
    {
        var (name, token) = await TestAccounts.CreateAsync(factory.Services, role);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (name, client);
    }

    private async Task<string> PasswordAccountAsync(Role role, string password)
    {
        var name = $"staff-{Guid.NewGuid().ToString("N")[..8]}";
        await factory.Services.GetRequiredService<AccountService>().AddAsync(name, role, password, "test", CancellationToken.None);
        return name;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_write_is_401_without_an_account_403_as_viewer_and_201_as_editor_and_admin()
    {
        var anonymous = await factory.CreateClient().PutAsync(Actuals, Actual(1, "anonymous"));
        var (_, viewer) = await SignedInAsync(Role.Viewer);
        var asViewer = await viewer.PutAsync(Actuals, Actual(2, "viewer"));
        var (editorName, editor) = await SignedInAsync(Role.Editor);
        var asEditor = await editor.PutAsync(Actuals, Actual(97.5, "editor"));
        var (_, admin) = await SignedInAsync(Role.Admin);
        var asAdmin = await admin.PutAsync("/api/indicators/9/actuals", Actual(3, "admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Contains("POST /api/session", (await JsonAsync(anonymous)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal("application/problem+json", asViewer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, asEditor.StatusCode);
        Assert.Equal(HttpStatusCode.Created, asAdmin.StatusCode);

        // A new, anonymous request sees the editor's value, and none of the refused ones.
        var indicators = await JsonAsync(await factory.CreateClient().GetAsync("/api/indicators"));
        var row = indicators.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == 8);
        Assert.Equal(97.5, row.GetProperty("latestValue").GetDouble());

        var audit = await StoredAuditAsync();
        Assert.Contains((editorName, AuditActions.IndicatorActualRecorded, "indicators", "8"), audit);
        Assert.DoesNotContain(audit, e => e.Action == AuditActions.IndicatorActualRecorded && e.User is null);
    }

    [Fact]
    public async Task A_cookie_session_signs_in_writes_with_its_anti_forgery_token_and_signs_out()
    {
        var name = await PasswordAccountAsync(Role.Editor, "editor's own password");
        var client = factory.CreateClient();

        var signIn = await client.PostAsJsonAsync("/api/session", new { name, password = "editor's own password" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var session = await JsonAsync(signIn);
        Assert.Equal(name, session.GetProperty("name").GetString());
        Assert.Equal("editor", session.GetProperty("role").GetString());
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccountsHosting.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(name, (await JsonAsync(await client.GetAsync("/api/session"))).GetProperty("name").GetString());
        var withoutToken = await client.PutAsync(Actuals, Actual(50, "cookie without token"));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", (await JsonAsync(withoutToken)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        client.DefaultRequestHeaders.Add(AccountsHosting.AntiforgeryHeader, session.GetProperty("antiforgeryToken").GetString());
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync(Actuals, Actual(51, "cookie with token"))).StatusCode);
        Assert.Contains((name, AuditActions.IndicatorActualRecorded, "indicators", "8"), await StoredAuditAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsync(Actuals, Actual(52, "after sign-out"))).StatusCode);
    }

    [Fact]
    public async Task A_session_opened_on_one_process_writes_through_another_sharing_the_store()
    {
        var name = await PasswordAccountAsync(Role.Editor, "balanced password");
        var noCookies = new WebApplicationFactoryClientOptions { HandleCookies = false };
        var signIn = await factory.CreateClient(noCookies).PostAsJsonAsync("/api/session", new { name, password = "balanced password" });
        var csrf = (await JsonAsync(signIn)).GetProperty("antiforgeryToken").GetString();
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        await using var other = AnotherProcess();
        using var request = new HttpRequestMessage(HttpMethod.Put, Actuals) { Content = Actual(60, "through another process") };
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add(AccountsHosting.AntiforgeryHeader, csrf);
        var written = await other.CreateClient(noCookies).SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Contains((name, AuditActions.IndicatorActualRecorded, "indicators", "8"), await StoredAuditAsync());
        // Shared through the store, not through a folder in the machine's home that another host would not have.
        Assert.True(await StoredKeyCountAsync() >= 1);
    }

    [Fact]
    public async Task A_new_password_ends_open_sessions_and_a_disabled_accounts_token_stops_working()
    {
        var name = await PasswordAccountAsync(Role.Editor, "first password!");
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/session", new { name, password = "first password!" })).StatusCode);
        var accounts = factory.Services.GetRequiredService<AccountService>();
        await accounts.SetPasswordAsync(name, "second password!", "test", CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode);

        var (editorName, editor) = await SignedInAsync(Role.Editor);
        await accounts.DisableAsync(editorName, "test", CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, (await editor.PutAsync(Actuals, Actual(5, "disabled"))).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_makes_a_personal_token_that_writes_as_them()
    {
        var name = await PasswordAccountAsync(Role.Editor, "token maker password");
        var browser = factory.CreateClient();
        var session = await JsonAsync(await browser.PostAsJsonAsync("/api/session", new { name, password = "token maker password" }));
        browser.DefaultRequestHeaders.Add(AccountsHosting.AntiforgeryHeader, session.GetProperty("antiforgeryToken").GetString());

        var created = await browser.PostAsJsonAsync("/api/session/tokens", new { label = "qgis" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await JsonAsync(created)).GetProperty("token").GetString()!;

        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await api.PutAsync("/api/indicators/10/actuals", Actual(7, "by token"))).StatusCode);
        Assert.Contains((name, AuditActions.IndicatorActualRecorded, "indicators", "10"), await StoredAuditAsync());
        Assert.Contains((name, AuditActions.TokenCreated, AuditActions.Users, name), await StoredAuditAsync());
    }

    [Fact]
    public async Task The_audit_trail_is_for_admins_filtered_and_exported_as_csv()
    {
        var (editorName, editor) = await SignedInAsync(Role.Editor);
        Assert.Equal(HttpStatusCode.Created, (await editor.PutAsync("/api/indicators/11/actuals", Actual(11, "for the audit"))).StatusCode);
        var (_, admin) = await SignedInAsync(Role.Admin);
        var (_, viewer) = await SignedInAsync(Role.Viewer);

        var url = $"/api/audit?user={editorName}&collection=indicators&from={DateTime.UtcNow:yyyy-MM-dd}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(url)).StatusCode);

        var entry = Assert.Single((await JsonAsync(await admin.GetAsync(url))).GetProperty("entries").EnumerateArray());
        Assert.Equal(editorName, entry.GetProperty("user").GetString());
        Assert.Equal("11", entry.GetProperty("target").GetString());
        Assert.Equal(11, entry.GetProperty("detail").GetProperty("value").GetDouble());
        Assert.Empty((await JsonAsync(await admin.GetAsync($"/api/audit?user={editorName}&to=2020-01-01"))).GetProperty("entries").EnumerateArray());

        var csv = await admin.GetAsync(url + "&f=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,user,action,collection,target,detail", lines[0]);
        Assert.Contains($",{editorName},{AuditActions.IndicatorActualRecorded},indicators,11,", Assert.Single(lines[1..]), StringComparison.Ordinal);

        var bad = await admin.GetAsync("/api/audit?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("from", (await JsonAsync(bad)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Failed_sign_ins_are_throttled_audited_and_logged_without_the_password_or_token()
    {
        await using var logged = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:FailedLoginsPerWindow", "3");
            b.ConfigureLogging(l => l.AddFakeLogging());
        });
        var name = $"guarded-{Guid.NewGuid().ToString("N")[..8]}";
        await logged.Services.GetRequiredService<AccountService>().AddAsync(name, Role.Editor, "the right password", "test", CancellationToken.None);
        var client = logged.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var password in new[] { "Wrong-Secret-1", "Wrong-Secret-2", "Wrong-Secret-3", "the right password" })
        {
            statuses.Add((await client.PostAsJsonAsync("/api/session", new { name, password })).StatusCode);
        }

        var other = await logged.Services.GetRequiredService<AccountService>().AddAsync(name + "-b", Role.Editor, "the other password", "test", CancellationToken.None);
        var otherSession = await client.PostAsJsonAsync("/api/session", new { name = other.Name, password = "the other password" });
        client.DefaultRequestHeaders.Add(AccountsHosting.AntiforgeryHeader, (await JsonAsync(otherSession)).GetProperty("antiforgeryToken").GetString());
        var token = (await JsonAsync(await client.PostAsync("/api/session/tokens", null))).GetProperty("token").GetString();

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherSession.StatusCode);
        var audit = await StoredAuditAsync();
        Assert.Equal(3, audit.Count(e => e.User == name && e.Action == AuditActions.LoginFailed));
        Assert.DoesNotContain(audit, e => e.User == name && e.Action == AuditActions.LoginSucceeded);

        var records = logged.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Equal(3, records.Count(r => r.Message.Contains($"Sign-in failed for {name}", StringComparison.Ordinal)));
        Assert.Single(records, r => r.Message.Contains($"Sign-in refused for {name}", StringComparison.Ordinal));
        var everything = string.Join("\n", records.Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(s => s.Value) ?? [])));
        foreach (var secret in new[] { "Wrong-Secret", "the right password", "the other password", token ?? "no token was made" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_anonymous_reading_off_reads_need_an_account_but_the_viewer_and_health_still_load()
    {
        await using var closed = factory.WithWebHostBuilder(b => b.UseSetting("Auth:AllowAnonymousRead", "false"));
        var anonymous = closed.CreateClient();
        var reader = await closed.CreateClient().AuthorizeAsync(closed.Services, Role.Viewer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/ogcapi/collections/projects/items?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/ogcapi/collections/projects/items?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/viewer/config")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/session")).StatusCode);
    }
}

public sealed class PostGisAuthorizationTests(PostGisServiceFactory factory) : AuthorizationCases(factory), IClassFixture<PostGisServiceFactory>
{
    protected override WebApplicationFactory<Program> AnotherProcess() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Geo", Factory.Reference.Database.ConnectionString));

    protected override Task<long> StoredKeyCountAsync() => Factory.Reference.Database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys");

    protected override async Task<List<(string? User, string Action, string? Collection, string? Target)>> StoredAuditAsync()
    {
        await using var command = Factory.Reference.DataSource.CreateCommand("SELECT user_name, action, collection, target FROM audit_log ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string?, string, string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }
}

public sealed class EmbeddedAuthorizationTests(EmbeddedServiceFactory factory) : AuthorizationCases(factory), IClassFixture<EmbeddedServiceFactory>
{
    protected override WebApplicationFactory<Program> AnotherProcess() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Geo", "");
            b.UseSetting("GisData:Path", RepoPaths.GisData);
            b.UseSetting("IndicatorActuals:Path", Folder);
        });

    protected override Task<long> StoredKeyCountAsync() =>
        Task.FromResult((long)Directory.GetFiles(Path.Combine(Folder, "keys"), "key-*.xml").Length);

    private string Folder => Factory.Services.GetRequiredService<IConfiguration>()["IndicatorActuals:Path"]!;

    protected override async Task<List<(string? User, string Action, string? Collection, string? Target)>> StoredAuditAsync()
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(Folder, JsonLinesAuditLog.FileName));
        return [.. lines.Select(l => JsonDocument.Parse(l).RootElement).Select(e => (
            e.GetProperty("user").GetString(), e.GetProperty("action").GetString()!, e.GetProperty("collection").GetString(), e.GetProperty("target").GetString()))];
    }
}
