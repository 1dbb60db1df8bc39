using Geo.Api.Accounts;
using Geo.Core.Accounts;
using Microsoft.AspNetCore.DataProtection;

namespace Geo.Api.Backends.Embedded.Accounts;

public static class EmbeddedAccountsRegistration
{
    /// <summary>Accounts, the audit trail and the Data Protection keys in <paramref name="folder"/>, beside the indicator values.</summary>
    public static IServiceCollection AddEmbeddedAccounts(this IServiceCollection services, string folder)
    {
        services.AddSingleton<IAccountStore>(_ => new JsonLinesAccountStore(folder));
        services.AddSingleton<IAuditLog>(_ => new JsonLinesAuditLog(folder));
        // Sessions survive a restart, and processes sharing the folder accept each other's cookies.
        services.AddDataProtection()
            .SetApplicationName(AccountsDataProtection.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys")));
        return services;
    }
}
