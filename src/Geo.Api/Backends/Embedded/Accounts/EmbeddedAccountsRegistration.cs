using Geo.Core.Accounts;

namespace Geo.Api.Backends.Embedded.Accounts;

public static class EmbeddedAccountsRegistration
{
    /// <summary>Accounts and the audit trail in files in <paramref name="folder"/>, beside the indicator values.</summary>
    public static IServiceCollection AddEmbeddedAccounts(this IServiceCollection services, string folder)
    {
        services.AddSingleton<IAccountStore>(_ => new JsonLinesAccountStore(folder));
        services.AddSingleton<IAuditLog>(_ => new JsonLinesAuditLog(folder));
        return services;
    }
}
