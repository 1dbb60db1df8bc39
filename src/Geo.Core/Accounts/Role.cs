namespace Geo.Core.Accounts;

/// <summary>What an account may do. Each role includes the ones before it: an admin is also an editor and a viewer.</summary>
public enum Role
{
    /// <summary>Reads everything, writes nothing.</summary>
    Viewer,

    /// <summary>Writes features and indicator values.</summary>
    Editor,

    /// <summary>Manages users, imports and restores.</summary>
    Admin,
}

/// <summary>The role names as they appear in the CLI, the API, the database and the embedded store's file.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static string Name(Role role) => role switch
    {
        Role.Viewer => Viewer,
        Role.Editor => Editor,
        Role.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    public static bool TryParse(string? text, out Role role)
    {
        switch (text)
        {
            case Viewer:
                role = Role.Viewer;
                return true;
            case Editor:
                role = Role.Editor;
                return true;
            case Admin:
                role = Role.Admin;
                return true;
            default:
                role = default;
                return false;
        }
    }

    /// <summary>The names of the roles that include <paramref name="role"/>, for role-based authorization.</summary>
    public static string[] AtLeast(Role role) => [.. Enum.GetValues<Role>().Where(r => r >= role).Select(Name)];
}
