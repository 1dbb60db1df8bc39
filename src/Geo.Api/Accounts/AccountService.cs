using Geo.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Geo.Api.Accounts;

/// <summary>
/// Account changes and sign-in checks, the same for the CLI and the API and for either store: passwords hashed with
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>, tokens kept as hashes, and every change and every
/// sign-in (failed or not) written to the audit trail with who made it.
/// </summary>
public sealed class AccountService(IAccountStore store, IAuditLog audit)
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 256;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>Verified against when the name is unknown, so that a wrong name takes as long as a wrong password.</summary>
    private static readonly string UnknownUserHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString());

    public IAccountStore Store => store;

    public async Task<UserAccount> AddAsync(string name, Role role, string password, string actor, CancellationToken cancellationToken)
    {
        var normalized = AccountNames.Normalize(name);
        var account = await store.CreateAsync(new NewUserAccount(normalized, role, Hash(password)), cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, AuditActions.UserAdded, normalized, new { role = Roles.Name(role) }, cancellationToken).ConfigureAwait(false);
        return account;
    }

    public async Task SetPasswordAsync(string name, string password, string actor, CancellationToken cancellationToken)
    {
        var normalized = AccountNames.Normalize(name);
        await store.SetPasswordAsync(normalized, Hash(password), cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, AuditActions.PasswordSet, normalized, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Disables a local account or an identity provider's user (<c>oidc:NAME</c>) for good; a provider's user never
    /// seen here gets its row now, so an admin can shut out someone who left before their next sign-in.
    /// </summary>
    public async Task DisableAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var normalized = AccountNames.NormalizeAny(name);
        if (AccountNames.IsIdentityProvider(normalized) && await store.FindAsync(normalized, cancellationToken).ConfigureAwait(false) is null)
        {
            // Viewer, the least role: the row's role is only what users list shows until the provider gives one.
            await AddProviderUserAsync(normalized, Role.Viewer, actor, cancellationToken).ConfigureAwait(false);
        }

        await store.DisableAsync(normalized, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, AuditActions.UserDisabled, normalized, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The local row of a user the identity provider has just vouched for (<c>oidc:NAME</c>), made at their first
    /// sign-in; the caller refuses the sign-in when it is disabled.
    /// </summary>
    /// <remarks>
    /// Why a row at all: the provider vouches for the user, but only a row here can say that an admin disabled them.
    /// It has no password hash, so a password sign-in under that name never succeeds (<see cref="SignInAsync"/>);
    /// its role is the one the provider gave at the first sign-in, shown by <c>users list</c> (each session takes the
    /// role the provider gives at that sign-in); and it has a stamp like every account, which the session carries,
    /// so disabling it (a new stamp) ends open sessions at their next request through the same check as for local
    /// accounts (<see cref="AccountsHosting"/>).
    /// </remarks>
    public async Task<UserAccount> ProviderUserAsync(string name, Role role, CancellationToken cancellationToken) =>
        await store.FindAsync(name, cancellationToken).ConfigureAwait(false)
        ?? await AddProviderUserAsync(name, role, name, cancellationToken).ConfigureAwait(false);

    /// <summary>Adds an identity provider's user's row (no password); another request that made it first wins.</summary>
    private async Task<UserAccount> AddProviderUserAsync(string name, Role role, string actor, CancellationToken cancellationToken)
    {
        try
        {
            var account = await store.CreateAsync(new NewUserAccount(name, role, PasswordHash: null), cancellationToken).ConfigureAwait(false);
            await AuditAsync(actor, AuditActions.UserAdded, name, new { role = Roles.Name(role), source = "identity provider" }, cancellationToken).ConfigureAwait(false);
            return account;
        }
        catch (AccountException e)
        {
            // The name is taken: another sign-in of the same user made the row a moment ago.
            return await store.FindAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new AccountException(e.Message, e);
        }
    }

    /// <summary>Issues a personal token for the account and returns it: the only time it is ever shown.</summary>
    public async Task<string> CreateTokenAsync(string name, string? label, string actor, CancellationToken cancellationToken)
    {
        var normalized = AccountNames.Normalize(name);
        var text = string.IsNullOrWhiteSpace(label) ? "token" : label.Trim();
        if (text.Length > PersonalTokens.MaxLabelLength)
        {
            throw new AccountException($"a token's label is at most {PersonalTokens.MaxLabelLength} characters");
        }

        if (await store.FindAsync(normalized, cancellationToken).ConfigureAwait(false) is not { Disabled: false })
        {
            throw new AccountException($"there is no enabled account named '{normalized}' (users list shows them)");
        }

        var token = PersonalTokens.Create();
        await store.AddTokenAsync(normalized, PersonalTokens.Hash(token), text, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, AuditActions.TokenCreated, normalized, new { label = text }, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>The enabled account whose password this is, or null; either way the attempt goes to the audit trail.</summary>
    public async Task<UserAccount?> SignInAsync(string? name, string? password, string? from, CancellationToken cancellationToken)
    {
        string? normalized;
        try
        {
            normalized = AccountNames.Normalize(name);
        }
        catch (AccountException)
        {
            normalized = null;
        }

        var account = normalized is null ? null : await store.FindAsync(normalized, cancellationToken).ConfigureAwait(false);
        var verified = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? UnknownUserHash, password ?? "");
        var ok = account is { Disabled: false, PasswordHash: not null } && verified is not PasswordVerificationResult.Failed;
        await AuditAsync(normalized, ok ? AuditActions.LoginSucceeded : AuditActions.LoginFailed, normalized, new { from }, cancellationToken).ConfigureAwait(false);
        return ok ? account : null;
    }

    /// <summary>The enabled account a personal token belongs to, or null.</summary>
    public async Task<UserAccount?> FindByTokenAsync(string token, CancellationToken cancellationToken) =>
        await store.FindByTokenAsync(PersonalTokens.Hash(token), cancellationToken).ConfigureAwait(false) is { Disabled: false } account ? account : null;

    /// <summary>Checks a new password's length; says what is wrong without repeating it.</summary>
    public static void CheckPassword(string? password)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            throw new AccountException($"a password needs {MinPasswordLength}–{MaxPasswordLength} characters");
        }
    }

    private static string Hash(string password)
    {
        CheckPassword(password);
        return Hasher.HashPassword(null!, password);
    }

    private Task AuditAsync(string? actor, string action, string? target, object? detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            new NewAuditEntry(actor, action, AuditActions.Users, target, detail is null ? null : JsonSerializer.Serialize(detail)), cancellationToken);
}
