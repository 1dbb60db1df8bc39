namespace Geo.Api.Backends.Embedded.Accounts;

/// <summary>
/// One line of the embedded store's <c>users.jsonl</c>: a change to one account. The accounts are what the changes add
/// up to, replayed in order; nothing is rewritten, so the file is also the account's history.
/// </summary>
public sealed record AccountEvent(
    long Sequence, DateTimeOffset At, string Kind, string Name, string? Role = null, string? PasswordHash = null, string? Stamp = null,
    string? TokenHash = null, string? Label = null)
{
    public const string Created = "created";
    public const string PasswordSet = "password-set";
    public const string Disabled = "disabled";
    public const string TokenAdded = "token-added";
}
