namespace Geo.Core.Accounts;

/// <summary>
/// The rule for account names, one for the CLI, the API and both stores: 1–64 letters (any script, so 张伟 is a
/// name), digits, '.', '_' or '-', compared in lower case so that "Admin" and "admin" are one account.
/// </summary>
public static class AccountNames
{
    public const int MaxLength = 64;

    /// <summary>The name in its stored form, or an <see cref="AccountException"/> saying what is wrong with it.</summary>
    public static string Normalize(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (IsIdentityProvider(trimmed))
        {
            throw new AccountException($"'{Shorten(trimmed)}' is a user of the identity provider: they sign in there and have no password or token here (users disable still applies)");
        }

        if (trimmed.Length is 0 or > MaxLength || !trimmed.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new AccountException($"'{Shorten(trimmed)}' is not an account name: use 1–{MaxLength} letters, digits, '.', '_' or '-'");
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>What starts the name of a user the office's identity provider vouches for (OpenID Connect).</summary>
    public const string IdentityProviderPrefix = "oidc:";

    /// <summary>The longest name the identity provider's user is shown by, after the prefix; longer ones are cut.</summary>
    public const int MaxIdentityProviderLength = 128;

    /// <summary>
    /// A user of the identity provider as <c>oidc:NAME</c>, the provider's name for them (preferred_username, else sub)
    /// in lower case, cut to <see cref="MaxIdentityProviderLength"/>: one form for the sign-in, the session and
    /// <c>users disable oidc:NAME</c>. Any characters but spaces and control characters (a provider may give e-mail addresses).
    /// </summary>
    public static string IdentityProvider(string? shown)
    {
        var trimmed = shown?.Trim() ?? "";
        var cut = trimmed.Length > MaxIdentityProviderLength ? trimmed[..MaxIdentityProviderLength] : trimmed;
        if (cut.Length == 0 || cut.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new AccountException($"'{Shorten(cut)}' is not a name of the identity provider's user: give {IdentityProviderPrefix}NAME as it appears in the audit trail");
        }

        return IdentityProviderPrefix + cut.ToLowerInvariant();
    }

    /// <summary>True for a name starting with <see cref="IdentityProviderPrefix"/> (in any case).</summary>
    public static bool IsIdentityProvider(string? name) =>
        name?.TrimStart().StartsWith(IdentityProviderPrefix, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// A local account's name (<see cref="Normalize"/>) or an identity provider's user (<see cref="IdentityProvider"/>),
    /// for the changes that apply to both: disabling, finding.
    /// </summary>
    public static string NormalizeAny(string? name) =>
        IsIdentityProvider(name) ? IdentityProvider(name!.TrimStart()[IdentityProviderPrefix.Length..]) : Normalize(name);

    private static string Shorten(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
