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
        if (trimmed.Length is 0 or > MaxLength || !trimmed.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new AccountException($"'{Shorten(trimmed)}' is not an account name: use 1–{MaxLength} letters, digits, '.', '_' or '-'");
        }

        return trimmed.ToLowerInvariant();
    }

    private static string Shorten(string text) => text.Length <= MaxLength ? text : text[..MaxLength] + "…";
}
