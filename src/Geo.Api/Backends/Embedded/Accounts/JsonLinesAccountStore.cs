using Geo.Api.Backends.Embedded.Internal;
using Geo.Core.Accounts;

namespace Geo.Api.Backends.Embedded.Accounts;

/// <summary>
/// Accounts for the embedded store: <c>users.jsonl</c> beside the indicator values, a line per change
/// (<see cref="AccountEvent"/>), fsynced before a change returns and readable by its owner only (it holds password
/// hashes). A change is checked against the file as it is under the file's lock, so two processes cannot both create one name.
/// </summary>
public sealed class JsonLinesAccountStore(string directory) : IAccountStore, IDisposable
{
    public const string FileName = "users.jsonl";

    private readonly JsonLinesFile<AccountEvent> _file = new(directory, FileName, ownerOnly: true);

    public async Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        Replay(await _file.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Accounts.GetValueOrDefault(name);

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) =>
        [.. Replay(await _file.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];

    public async Task<UserAccount> CreateAsync(NewUserAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var written = await _file.AppendAsync(
            existing => Replay(existing).Accounts.ContainsKey(account.Name)
                ? throw new AccountException($"an account named '{account.Name}' already exists")
                : Next(existing, AccountEvent.Created, account.Name) with { Role = Roles.Name(account.Role), PasswordHash = account.PasswordHash },
            cancellationToken).ConfigureAwait(false);
        return new UserAccount(account.Name, account.Role, account.PasswordHash, false, written.Stamp!, written.At);
    }

    public Task SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken) =>
        AppendForExistingAsync(name, AccountEvent.PasswordSet, e => e with { PasswordHash = passwordHash }, cancellationToken);

    public Task DisableAsync(string name, CancellationToken cancellationToken) =>
        AppendForExistingAsync(name, AccountEvent.Disabled, e => e, cancellationToken);

    public Task AddTokenAsync(string name, string tokenHash, string label, CancellationToken cancellationToken) =>
        AppendForExistingAsync(name, AccountEvent.TokenAdded, e => e with { TokenHash = tokenHash, Label = label, Stamp = null }, cancellationToken);

    public async Task<UserAccount?> FindByTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var state = Replay(await _file.ReadAllAsync(cancellationToken).ConfigureAwait(false));
        return state.Tokens.TryGetValue(tokenHash, out var name) ? state.Accounts.GetValueOrDefault(name) : null;
    }

    public void Dispose() => _file.Dispose();

    private Task AppendForExistingAsync(string name, string kind, Func<AccountEvent, AccountEvent> fill, CancellationToken cancellationToken) =>
        _file.AppendAsync(
            existing => Replay(existing).Accounts.ContainsKey(name)
                ? fill(Next(existing, kind, name))
                : throw new AccountException($"there is no account named '{name}' (users list shows them)"),
            cancellationToken);

    /// <summary>The next line: the following sequence number, now, and a fresh stamp (a change that keeps the stamp clears it).</summary>
    private static AccountEvent Next(IReadOnlyList<AccountEvent> existing, string kind, string name) =>
        new(existing.Count == 0 ? 1 : existing[^1].Sequence + 1, DateTimeOffset.UtcNow, kind, name, Stamp: Guid.NewGuid().ToString("N"));

    private static (Dictionary<string, UserAccount> Accounts, Dictionary<string, string> Tokens) Replay(IReadOnlyList<AccountEvent> events)
    {
        var accounts = new Dictionary<string, UserAccount>(StringComparer.Ordinal);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Kind == AccountEvent.Created && Roles.TryParse(e.Role, out var role))
            {
                accounts.TryAdd(e.Name, new UserAccount(e.Name, role, e.PasswordHash, false, e.Stamp ?? "", e.At));
            }
            else if (accounts.TryGetValue(e.Name, out var account))
            {
                switch (e.Kind)
                {
                    case AccountEvent.PasswordSet:
                        accounts[e.Name] = account with { PasswordHash = e.PasswordHash, Stamp = e.Stamp ?? account.Stamp };
                        break;
                    case AccountEvent.Disabled:
                        accounts[e.Name] = account with { Disabled = true, Stamp = e.Stamp ?? account.Stamp };
                        break;
                    case AccountEvent.TokenAdded when e.TokenHash is { } hash:
                        tokens.TryAdd(hash, e.Name);
                        break;
                    default:
                        // A kind written by a newer version of the service: it does not change what this one knows.
                        break;
                }
            }
        }

        return (accounts, tokens);
    }
}
