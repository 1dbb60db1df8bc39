using Geo.Api.Accounts;
using Geo.Api.Backends.Embedded.Accounts;

namespace Geo.Api.Tests.Accounts;

/// <summary>Accounts, tokens and the audit trail behave the same on both stores.</summary>
public abstract class AccountStoreCases(IAccountStoreFixture store)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly AccountService _service = new(store.Accounts, store.Audit);

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task An_account_is_created_once_with_a_hashed_password_and_signs_in_with_it()
    {
        var name = Unique("Zhang.Wei-");
        await _service.AddAsync(name, Role.Editor, "correct horse battery", "cli:test", None);

        var stored = await store.Accounts.FindAsync(name.ToLowerInvariant(), None);
        Assert.NotNull(stored);
        Assert.Equal(Role.Editor, stored.Role);
        Assert.False(stored.Disabled);
        Assert.DoesNotContain("correct horse", stored.PasswordHash!, StringComparison.Ordinal);
        Assert.Contains(await store.Accounts.ListAsync(None), a => a.Name == stored.Name);

        Assert.Equal(stored.Name, (await _service.SignInAsync(name.ToUpperInvariant(), "correct horse battery", "test", None))?.Name);
        Assert.Null(await _service.SignInAsync(name, "correct horse batterY", "test", None));
        Assert.Null(await _service.SignInAsync("nobody-" + name, "correct horse battery", "test", None));
        var duplicate = await Assert.ThrowsAsync<AccountException>(() => _service.AddAsync(name.ToLowerInvariant(), Role.Viewer, "another password", "cli:test", None));
        Assert.Contains("already exists", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_password_replaces_the_old_and_changes_the_stamp()
    {
        var name = Unique("li-");
        var created = await _service.AddAsync(name, Role.Viewer, "first password", "cli:test", None);

        await _service.SetPasswordAsync(name, "second password", "cli:test", None);

        Assert.Null(await _service.SignInAsync(name, "first password", null, None));
        Assert.NotNull(await _service.SignInAsync(name, "second password", null, None));
        Assert.NotEqual(created.Stamp, (await store.Accounts.FindAsync(name, None))!.Stamp);
        await Assert.ThrowsAsync<AccountException>(() => _service.SetPasswordAsync("nobody-" + name, "second password", "cli:test", None));
        await Assert.ThrowsAsync<AccountException>(() => _service.SetPasswordAsync(name, "short", "cli:test", None));
    }

    [Fact]
    public async Task A_disabled_account_signs_in_neither_with_its_password_nor_with_its_token()
    {
        var name = Unique("wang-");
        await _service.AddAsync(name, Role.Admin, "admin password", "cli:test", None);
        var token = await _service.CreateTokenAsync(name, "qgis", "cli:test", None);
        Assert.StartsWith(PersonalTokens.Prefix, token, StringComparison.Ordinal);
        Assert.Equal(name, (await _service.FindByTokenAsync(token, None))?.Name);
        Assert.Null(await _service.FindByTokenAsync(PersonalTokens.Create(), None));

        await _service.DisableAsync(name, "cli:test", None);

        Assert.True((await store.Accounts.FindAsync(name, None))!.Disabled);
        Assert.Null(await _service.SignInAsync(name, "admin password", null, None));
        Assert.Null(await _service.FindByTokenAsync(token, None));
        await Assert.ThrowsAsync<AccountException>(() => _service.CreateTokenAsync(name, null, "cli:test", None));
    }

    [Fact]
    public async Task An_identity_provider_user_has_one_row_without_a_password_that_disabling_marks_and_restamps()
    {
        var name = "oidc:" + Unique("zhao.min@office-");
        var first = await _service.ProviderUserAsync(name, Role.Editor, None);
        var again = await _service.ProviderUserAsync(name, Role.Admin, None);

        Assert.Equal((name, Role.Editor, (string?)null, false, first.Stamp), (again.Name, again.Role, again.PasswordHash, again.Disabled, again.Stamp));
        Assert.Single(await store.Accounts.ListAsync(None), a => a.Name == name);

        await _service.DisableAsync(name.ToUpperInvariant(), "cli:operator", None);

        var disabled = (await store.Accounts.FindAsync(name, None))!;
        Assert.True(disabled.Disabled);
        Assert.NotEqual(first.Stamp, disabled.Stamp);
        Assert.True((await _service.ProviderUserAsync(name, Role.Editor, None)).Disabled);
        var trail = (await store.Audit.QueryAsync(new AuditQuery(null, AuditActions.Users, null, null, 1000), None))
            .Where(e => e.Target == name).Select(e => (e.User, e.Action)).Reverse().ToList();
        Assert.Equal([(name, AuditActions.UserAdded), ("cli:operator", AuditActions.UserDisabled)], trail);

        // The provider vouches for this user; nothing here lets anyone sign in as them with a password or a token.
        Assert.Null(await _service.SignInAsync(name, "any password at all", null, None));
        await Assert.ThrowsAsync<AccountException>(() => _service.SetPasswordAsync(name, "a long password", "cli:test", None));
        await Assert.ThrowsAsync<AccountException>(() => _service.AddAsync(name, Role.Admin, "a long password", "cli:test", None));
    }

    [Fact]
    public async Task Disabling_an_identity_provider_user_never_seen_leaves_a_disabled_row_for_their_first_sign_in()
    {
        var name = "oidc:" + Unique("left-");

        await _service.DisableAsync(name, "cli:operator", None);

        var row = (await store.Accounts.FindAsync(name, None))!;
        Assert.Equal((Role.Viewer, (string?)null, true), (row.Role, row.PasswordHash, row.Disabled));
        Assert.True((await _service.ProviderUserAsync(name, Role.Admin, None)).Disabled);
        var trail = (await store.Audit.QueryAsync(new AuditQuery("cli:operator", AuditActions.Users, null, null, 1000), None))
            .Where(e => e.Target == name).Select(e => e.Action).Reverse().ToList();
        Assert.Equal([AuditActions.UserAdded, AuditActions.UserDisabled], trail);
        await Assert.ThrowsAsync<AccountException>(() => _service.DisableAsync("oidc:", "cli:operator", None));
        await Assert.ThrowsAsync<AccountException>(() => _service.DisableAsync(Unique("nobody-"), "cli:operator", None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public async Task A_malformed_name_is_refused(string name) =>
        await Assert.ThrowsAsync<AccountException>(() => _service.AddAsync(name, Role.Viewer, "a fine password", "cli:test", None));

    [Fact]
    public async Task Each_change_and_sign_in_is_in_the_audit_trail_with_who_made_it()
    {
        var name = Unique("chen-");
        await _service.AddAsync(name, Role.Editor, "chen password", "cli:operator", None);
        await _service.SignInAsync(name, "wrong password", "10.0.0.9", None);
        await _service.SignInAsync(name, "chen password", "10.0.0.9", None);

        var entries = await store.Audit.QueryAsync(new AuditQuery(null, AuditActions.Users, null, null, 1000), None);
        var mine = entries.Where(e => e.Target == name).Select(e => (e.User, e.Action)).Reverse().ToList();

        Assert.Equal([("cli:operator", AuditActions.UserAdded), (name, AuditActions.LoginFailed), (name, AuditActions.LoginSucceeded)], mine);
        Assert.DoesNotContain(entries, e => e.Detail?.Contains("password", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_audit_query_filters_by_user_collection_and_time()
    {
        var user = Unique("zhao-");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await store.Audit.AppendAsync(new NewAuditEntry(user, AuditActions.IndicatorActualRecorded, "indicators", "8", """{"value": 100}"""), None);
        await store.Audit.AppendAsync(new NewAuditEntry(user, "feature.updated", "zones", "13", null), None);
        await store.Audit.AppendAsync(new NewAuditEntry("someone-else", "feature.updated", "zones", "13", null), None);

        Assert.Equal(2, (await store.Audit.QueryAsync(new AuditQuery(user, null, before, null, 100), None)).Count);
        var zones = Assert.Single(await store.Audit.QueryAsync(new AuditQuery(user, "zones", null, null, 100), None));
        Assert.Equal("13", zones.Target);
        Assert.Empty(await store.Audit.QueryAsync(new AuditQuery(user, null, null, before, 100), None));
        Assert.Single(await store.Audit.QueryAsync(new AuditQuery(user, null, before, null, 1), None));
        var indicator = Assert.Single(await store.Audit.QueryAsync(new AuditQuery(user, "indicators", null, null, 100), None));
        Assert.Equal(100, System.Text.Json.JsonDocument.Parse(indicator.Detail!).RootElement.GetProperty("value").GetInt32());
    }
}

public sealed class PostGisAccountStoreTests(PostGisAccountsFixture store) : AccountStoreCases(store), IClassFixture<PostGisAccountsFixture>
{
    [Fact]
    public async Task The_audit_table_refuses_update_delete_and_truncate()
    {
        await store.Audit.AppendAsync(new NewAuditEntry("x", "test", null, null, null), CancellationToken.None);

        foreach (var sql in new[] { "UPDATE audit_log SET user_name = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            await using var command = store.DataSource.CreateCommand(sql);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.True(await store.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE user_name = 'x'") == 1);
    }

    [Fact]
    public async Task Roles_and_names_outside_the_rules_are_refused_by_the_table_too()
    {
        await using var role = store.DataSource.CreateCommand("INSERT INTO users (name, role, stamp) VALUES ('someone', 'superuser', 's')");
        await using var upper = store.DataSource.CreateCommand("INSERT INTO users (name, role, stamp) VALUES ('Someone', 'viewer', 's')");
        await Assert.ThrowsAsync<PostgresException>(() => role.ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<PostgresException>(() => upper.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_table_takes_long_identity_provider_names_only_without_a_password()
    {
        var name = "oidc:" + new string('a', 128);
        await using var withPassword = store.DataSource.CreateCommand($"INSERT INTO users (name, role, password_hash, stamp) VALUES ('{name}', 'viewer', 'hash', 's')");
        await using var local = store.DataSource.CreateCommand($"INSERT INTO users (name, role, stamp) VALUES ('{new string('a', 65)}', 'viewer', 's')");
        await using var tooLong = store.DataSource.CreateCommand($"INSERT INTO users (name, role, stamp) VALUES ('{name}a', 'viewer', 's')");
        await Assert.ThrowsAsync<PostgresException>(() => withPassword.ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<PostgresException>(() => local.ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<PostgresException>(() => tooLong.ExecuteNonQueryAsync());

        await new AccountService(store.Accounts, store.Audit).DisableAsync(name, "cli:test", CancellationToken.None);

        Assert.True(await store.Database.ScalarAsync<bool>("SELECT disabled AND password_hash IS NULL FROM users WHERE name = $1", name));
    }
}

public sealed class EmbeddedAccountStoreTests(EmbeddedAccountsFixture store) : AccountStoreCases(store), IClassFixture<EmbeddedAccountsFixture>
{
    [Fact]
    public async Task Accounts_are_read_back_by_a_new_store_from_a_file_only_its_owner_reads()
    {
        var service = new AccountService(store.Accounts, store.Audit);
        await service.AddAsync("reopened", Role.Editor, "reopened password", "cli:test", CancellationToken.None);

        using var reopened = new JsonLinesAccountStore(store.Folder);
        Assert.Equal(Role.Editor, (await reopened.FindAsync("reopened", CancellationToken.None))?.Role);
        var path = Path.Combine(store.Folder, JsonLinesAccountStore.FileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.DoesNotContain("reopened password", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_stores_on_one_folder_cannot_both_create_a_name()
    {
        using var other = new JsonLinesAccountStore(store.Folder);
        var attempts = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? store.Accounts : other).CreateAsync(new NewUserAccount("race", Role.Viewer, null), CancellationToken.None));

        var results = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return true;
            }
            catch (AccountException)
            {
                return false;
            }
        }));

        Assert.Single(results, created => created);
    }
}
