using Geo.Api.Accounts;
using Geo.Api.Cli;
using Geo.Api.Tests.Accounts;

namespace Geo.Api.Tests.Cli;

/// <summary><c>users …</c> run in-process as an operator would, with the password on standard input, on both stores.</summary>
public abstract class UsersVerbCases(IAccountStoreFixture store, string[] storeArguments)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<(int Exit, string Output, string Error)> RunAsync(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var exit = await CliApp.RunAsync([.. args, .. storeArguments], output, error, None, input);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static void AssertOneLineError((int Exit, string Output, string Error) run, int exit, string text)
    {
        Assert.Equal(exit, run.Exit);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(text, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_reads_the_password_from_standard_input_and_the_account_signs_in()
    {
        var name = Unique("Editor-");
        var (exit, output, error) = await RunAsync("a long editor password\n", "users", "add", name, "--role", "editor");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains($"added {name.ToLowerInvariant()} (editor)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("a long editor password", output, StringComparison.Ordinal);
        var service = new AccountService(store.Accounts, store.Audit);
        Assert.Equal(Role.Editor, (await service.SignInAsync(name, "a long editor password", null, None))?.Role);
        var added = (await store.Audit.QueryAsync(new AuditQuery(null, AuditActions.Users, null, null, 100), None))
            .Single(e => e.Target == name.ToLowerInvariant() && e.Action == AuditActions.UserAdded);
        Assert.Equal("cli:" + Environment.UserName, added.User);
    }

    [Fact]
    public async Task Add_without_a_password_or_with_a_short_one_or_a_taken_name_fails_with_one_line()
    {
        var name = Unique("admin-");
        AssertOneLineError(await RunAsync(null, "users", "add", name, "--role", "admin"), 1, "no password on standard input");
        AssertOneLineError(await RunAsync("short\n", "users", "add", name, "--role", "admin"), 1, "a password needs 10");
        Assert.Null(await store.Accounts.FindAsync(name, None));

        Assert.Equal(0, (await RunAsync("first admin password\n", "users", "add", name, "--role", "admin")).Exit);
        AssertOneLineError(await RunAsync("first admin password\n", "users", "add", name, "--role", "viewer"), 1, "already exists");
        AssertOneLineError(await RunAsync("first admin password\n", "users", "add", Unique("x-"), "--role", "root"), 2, "root");
        AssertOneLineError(await RunAsync("first admin password\n", "users", "add", Unique("x-")), 2, "--role");
        AssertOneLineError(await RunAsync("first admin password\n", "users", "add", "two words", "--role", "viewer"), 1, "is not an account name");
    }

    [Fact]
    public async Task List_set_password_disable_and_token_act_on_the_named_account()
    {
        var name = Unique("viewer-");
        Assert.Equal(0, (await RunAsync("viewer password 1\n", "users", "add", name, "--role", "viewer")).Exit);

        var token = await RunAsync(null, "users", "token", name, "--label", "qgis");
        Assert.Equal(0, token.Exit);
        Assert.Equal(name, (await new AccountService(store.Accounts, store.Audit).FindByTokenAsync(token.Output.Trim(), None))?.Name);

        Assert.Equal(0, (await RunAsync("viewer password 2\n", "users", "set-password", name)).Exit);
        var service = new AccountService(store.Accounts, store.Audit);
        Assert.Null(await service.SignInAsync(name, "viewer password 1", null, None));
        Assert.NotNull(await service.SignInAsync(name, "viewer password 2", null, None));

        var listed = await RunAsync(null, "users", "list");
        Assert.Contains($"{name}\tviewer\tenabled\t", listed.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(null, "users", "disable", name)).Exit);
        Assert.Contains($"{name}\tviewer\tdisabled\t", (await RunAsync(null, "users", "list")).Output, StringComparison.Ordinal);
        Assert.Null(await service.SignInAsync(name, "viewer password 2", null, None));

        AssertOneLineError(await RunAsync(null, "users", "disable", "nobody-" + name), 1, "no account named");
        AssertOneLineError(await RunAsync("some password 3\n", "users", "set-password", "nobody-" + name), 1, "no account named");
    }

    [Fact]
    public async Task Disable_takes_an_identity_provider_user_and_list_shows_it_disabled()
    {
        var name = "oidc:" + Unique("zhang.wei-");

        var run = await RunAsync(null, "users", "disable", name.ToUpperInvariant());

        Assert.Equal((0, $"disabled {name}\n", ""), (run.Exit, run.Output.ReplaceLineEndings("\n"), run.Error));
        Assert.Contains($"{name}\tviewer\tdisabled\t", (await RunAsync(null, "users", "list")).Output, StringComparison.Ordinal);
        var disabled = (await store.Audit.QueryAsync(new AuditQuery(null, AuditActions.Users, null, null, 100), None))
            .Single(e => e.Target == name && e.Action == AuditActions.UserDisabled);
        Assert.Equal("cli:" + Environment.UserName, disabled.User);
        AssertOneLineError(await RunAsync("a long password 4\n", "users", "set-password", name), 1, "user of the identity provider");
    }
}

public sealed class PostGisUsersVerbTests(PostGisAccountsFixture store)
    : UsersVerbCases(store, ["--connection", store.Database.ConnectionString]), IClassFixture<PostGisAccountsFixture>
{
    [Fact]
    public async Task The_account_is_a_row_in_the_users_table()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["users", "add", "张伟", "--role", "editor", "--connection", store.Database.ConnectionString], output, error, CancellationToken.None,
            new StringReader("zhang wei's password\n"));

        Assert.Equal(0, exit);
        Assert.Equal("editor", await store.Database.ScalarAsync<string>("SELECT role FROM users WHERE name = '张伟' AND NOT disabled"));
        Assert.StartsWith("AQAAAA", await store.Database.ScalarAsync<string>("SELECT password_hash FROM users WHERE name = '张伟'"), StringComparison.Ordinal);
    }
}

public sealed class EmbeddedUsersVerbTests(EmbeddedAccountsFixture store)
    : UsersVerbCases(store, ["--data-dir", store.Folder]), IClassFixture<EmbeddedAccountsFixture>;
