namespace Geo.Core.Accounts;

/// <summary>
/// A staff account. <see cref="PasswordHash"/> is ASP.NET Core Identity's hash (null: the account signs in with a
/// personal token only); <see cref="Stamp"/> changes whenever the password changes or the account is disabled, so
/// sessions opened before that end.
/// </summary>
public sealed record UserAccount(string Name, Role Role, string? PasswordHash, bool Disabled, string Stamp, DateTimeOffset CreatedAt);

/// <summary>An account as created; the store adds the stamp and the time.</summary>
public sealed record NewUserAccount(string Name, Role Role, string? PasswordHash);
