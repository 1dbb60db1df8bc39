using System.Security.Claims;

namespace Geo.Api.Accounts;

/// <summary>The authorization policies, by role: an endpoint names the least role it needs.</summary>
public static class AuthPolicies
{
    /// <summary>Reads that name people, such as a feature's history: any signed-in account, also when anonymous reading is on.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Writes features and indicator values: editor or admin.</summary>
    public const string Edit = "edit";

    /// <summary>Users, the audit trail, imports and restores: admin.</summary>
    public const string Admin = "admin";

    /// <summary>The account name a request acts as (null when anonymous): the "who" of the audit trail.</summary>
    public static string? Actor(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
}
