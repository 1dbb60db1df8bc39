using Geo.Api.Backends.Embedded;
using System.CommandLine;
using Geo.Api.Accounts;
using Geo.Api.Backends.Embedded.Accounts;
using Geo.Api.Backends.PostGis.Accounts;
using Geo.Api.Hosting;
using Geo.Core.Accounts;
using Geo.Api.Backends.PostGis.Internal;
using Npgsql;

namespace Geo.Api.Cli;

/// <summary>
/// <c>users add|list|set-password|disable|token</c>: the staff accounts, in PostGIS when a connection is given (option
/// or <c>ConnectionStrings__Geo</c>), otherwise in the embedded store's folder (<c>--data-dir</c>, or
/// <c>IndicatorActuals__Path</c>, or the service's default). The first admin can only be made here. Each change is in
/// the audit trail as made by <c>cli:&lt;OS user&gt;</c>.
/// </summary>
internal static class UsersVerb
{
    public static Command Create(TextReader? input, TextWriter output)
    {
        var connection = CliOptions.Connection();
        connection.Recursive = true;
        var dataDir = new Option<string?>("--data-dir")
        {
            Recursive = true,
            Description = "the embedded store's folder for accounts, beside the indicator values (default: IndicatorActuals__Path, else the service's default)",
        };
        var name = new Argument<string>("name") { Description = "the account name (letters, digits, '.', '_', '-'; case does not matter)" };
        var role = new Option<string>("--role", "-r") { Description = "viewer, editor or admin", Required = true };
        role.Validators.Add(result =>
        {
            if (!Roles.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--role must be {Roles.Viewer}, {Roles.Editor} or {Roles.Admin}, not '{result.GetValueOrDefault<string>()}'");
            }
        });
        var label = new Option<string?>("--label") { Description = "what the token is for (e.g. qgis-office-pc)" };

        var add = new Command("add", "create an account; the password is read from standard input, or asked for") { name, role };
        add.SetAction((parse, ct) => WithAccountsAsync(parse, connection, dataDir, async accounts =>
        {
            Roles.TryParse(parse.GetValue(role), out var parsed);
            var password = PasswordInput.Read(input, output);
            var created = await accounts.AddAsync(parse.GetValue(name)!, parsed, password, Actor, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"added {created.Name} ({Roles.Name(created.Role)})").ConfigureAwait(false);
        }));

        var list = new Command("list", "list the accounts: name, role, enabled or disabled, created");
        list.SetAction((parse, ct) => WithAccountsAsync(parse, connection, dataDir, async accounts =>
        {
            foreach (var account in await accounts.Store.ListAsync(ct).ConfigureAwait(false))
            {
                var state = account.Disabled ? "disabled" : "enabled";
                await output.WriteLineAsync($"{account.Name}\t{Roles.Name(account.Role)}\t{state}\t{account.CreatedAt:yyyy-MM-dd HH:mm}Z").ConfigureAwait(false);
            }
        }));

        var setPassword = new Command("set-password", "replace an account's password (read from standard input, or asked for); its sessions end") { name };
        setPassword.SetAction((parse, ct) => WithAccountsAsync(parse, connection, dataDir, async accounts =>
        {
            var password = PasswordInput.Read(input, output);
            await accounts.SetPasswordAsync(parse.GetValue(name)!, password, Actor, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"password set for {AccountNames.Normalize(parse.GetValue(name))}").ConfigureAwait(false);
        }));

        var disable = new Command("disable",
            "disable an account for good: its sessions and tokens stop working; oidc:NAME refuses that identity provider user's sign-ins and ends their sessions")
        {
            name,
        };
        disable.SetAction((parse, ct) => WithAccountsAsync(parse, connection, dataDir, async accounts =>
        {
            await accounts.DisableAsync(parse.GetValue(name)!, Actor, ct).ConfigureAwait(false);
            await output.WriteLineAsync($"disabled {AccountNames.NormalizeAny(parse.GetValue(name))}").ConfigureAwait(false);
        }));

        var token = new Command("token", "issue a personal token for API clients (Authorization: Bearer …); shown once, kept only as a hash") { name, label };
        token.SetAction((parse, ct) => WithAccountsAsync(parse, connection, dataDir, async accounts =>
        {
            await output.WriteLineAsync(await accounts.CreateTokenAsync(parse.GetValue(name)!, parse.GetValue(label), Actor, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }));

        return new Command("users", "manage staff accounts (viewer, editor, admin)") { connection, dataDir, add, list, setPassword, disable, token };
    }

    /// <summary>Who the audit trail names for a change made here.</summary>
    private static string Actor => "cli:" + Environment.UserName;

    /// <summary>Opens the accounts of the store chosen, runs <paramref name="action"/>, and turns account and database errors into one line.</summary>
    private static async Task<int> WithAccountsAsync(ParseResult parse, Option<string?> connection, Option<string?> dataDir, Func<AccountService, Task> action)
    {
        var connectionString = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable(CliOptions.ConnectionVariable);
        try
        {
            if (!string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = CliOptions.RequireConnection(connectionString);
                await CliOptions.WithDatabaseAsync(async () =>
                {
                    SchemaMigrator.Migrate(connectionString);
                    await using var dataSource = NpgsqlDataSource.Create(PostGisDataSource.PrimaryConnectionString(connectionString));
                    await action(new AccountService(new PostGisAccountStore(dataSource), new PostGisAuditLog(dataSource))).ConfigureAwait(false);
                    return 0;
                }).ConfigureAwait(false);
                return 0;
            }

            var folder = parse.GetValue(dataDir) is { Length: > 0 } given
                ? Path.GetFullPath(given)
                : EmbeddedBackend.IndicatorActualsFolder(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            using var accounts = new JsonLinesAccountStore(folder);
            using var audit = new JsonLinesAuditLog(folder);
            await action(new AccountService(accounts, audit)).ConfigureAwait(false);
            return 0;
        }
        catch (AccountException e)
        {
            throw new CliException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot use the accounts folder: {e.Message}", e);
        }
    }
}
