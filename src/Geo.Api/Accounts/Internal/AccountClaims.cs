using System.Security.Claims;
using Geo.Core.Accounts;

namespace Geo.Api.Accounts.Internal;

/// <summary>An account as the request's user: its name, its role, and the stamp a session was opened with.</summary>
internal static class AccountClaims
{
    public const string StampType = "geo:stamp";

    public static ClaimsPrincipal Principal(UserAccount account, string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, Roles.Name(account.Role)), new Claim(StampType, account.Stamp)],
        scheme));
}
