namespace Geo.Api.Accounts;

/// <summary>Data Protection isolates key rings by application name; one fixed name lets every build and path of the service share one.</summary>
public static class AccountsDataProtection
{
    public const string ApplicationName = "kaizhou-geo";
}
