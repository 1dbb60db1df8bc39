using System.Text.Json;
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

    public async Task DisableAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var normalized = AccountNames.Normalize(name);
        await store.DisableAsync(normalized, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, AuditActions.UserDisabled, normalized, null, cancellationToken).ConfigureAwait(false);
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
