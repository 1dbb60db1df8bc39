namespace Geo.Core.Accounts;

/// <summary>
/// Where accounts and their personal tokens are kept (a PostGIS table, or a file beside the embedded store's indicator
/// values). Names given here are already normalized (<see cref="AccountNames.Normalize"/>, or
/// <see cref="AccountNames.IdentityProvider"/> for the password-less row of an identity provider's user); tokens are kept only as
/// their hash (<see cref="PersonalTokens.Hash"/>). Every change is durable before the call returns.
/// </summary>
public interface IAccountStore
{
    Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the account; an <see cref="AccountException"/> when the name is taken.</summary>
    Task<UserAccount> CreateAsync(NewUserAccount account, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash and the stamp; an <see cref="AccountException"/> for an unknown name.</summary>
    Task SetPasswordAsync(string name, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Disables the account for good (its sessions and tokens stop working); an <see cref="AccountException"/> for an unknown name.</summary>
    Task DisableAsync(string name, CancellationToken cancellationToken);

    /// <summary>Keeps a personal token's hash for the account; an <see cref="AccountException"/> for an unknown name.</summary>
    Task AddTokenAsync(string name, string tokenHash, string label, CancellationToken cancellationToken);

    /// <summary>The account a token belongs to, or null for a token never issued.</summary>
    Task<UserAccount?> FindByTokenAsync(string tokenHash, CancellationToken cancellationToken);
}
