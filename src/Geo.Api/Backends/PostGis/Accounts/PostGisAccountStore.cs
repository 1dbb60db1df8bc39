using Geo.Core.Accounts;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Accounts;

/// <summary>Accounts in the <c>users</c> and <c>user_tokens</c> tables (migration 0006), on the primary so a change is read back at once.</summary>
public sealed class PostGisAccountStore(NpgsqlDataSource dataSource) : IAccountStore
{
    private const string Columns = "u.name, u.role, u.password_hash, u.disabled, u.stamp, u.created_at";

    public async Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM users u WHERE u.name = $1", name, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM users u ORDER BY u.name", null, cancellationToken);

    public async Task<UserAccount> CreateAsync(NewUserAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO users (name, role, password_hash, stamp) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING created_at");
        var stamp = Guid.NewGuid().ToString("N");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Roles.Name(account.Role) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)account.PasswordHash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stamp });
        var created = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return created is DateTime at
            ? new UserAccount(account.Name, account.Role, account.PasswordHash, false, stamp, new DateTimeOffset(at, TimeSpan.Zero))
            : throw new AccountException($"an account named '{account.Name}' already exists");
    }

    public Task SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE users SET stamp = $2, password_hash = $3 WHERE name = $1", name, passwordHash, cancellationToken);

    public Task DisableAsync(string name, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE users SET stamp = $2, disabled = true WHERE name = $1", name, null, cancellationToken);

    public async Task AddTokenAsync(string name, string tokenHash, string label, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO user_tokens (token_hash, user_name, label) SELECT $2, name, $3 FROM users WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tokenHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = label });
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw Unknown(name);
        }
    }

    public async Task<UserAccount?> FindByTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM users u JOIN user_tokens t ON t.user_name = u.name WHERE t.token_hash = $1", tokenHash, cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Runs an UPDATE of one account ($1 its name) that gives it a new stamp ($2) and optionally a value ($3).</summary>
    private async Task UpdateAsync(string sql, string name, string? value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Guid.NewGuid().ToString("N") });
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw Unknown(name);
        }
    }

    private async Task<IReadOnlyList<UserAccount>> QueryAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var accounts = new List<UserAccount>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var role = reader.GetString(1);
            accounts.Add(new UserAccount(
                reader.GetString(0),
                Roles.TryParse(role, out var parsed) ? parsed : throw new InvalidOperationException($"users.role holds '{role}', which the table's CHECK refuses"),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetBoolean(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return accounts;
    }

    private static AccountException Unknown(string name) => new($"there is no account named '{name}' (users list shows them)");
}
