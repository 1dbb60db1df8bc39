using Geo.Api.Accounts;
using Geo.Core.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Accounts;

public static class PostGisAccountsRegistration
{
    /// <summary>
    /// Accounts, the audit trail and the Data Protection key ring in PostGIS, on the primary (<paramref name="writes"/>):
    /// a login must see a password just set, and every process must share the keys its cookies are signed with.
    /// </summary>
    public static IServiceCollection AddPostGisAccounts(this IServiceCollection services, NpgsqlDataSource writes)
    {
        services.AddSingleton<IAccountStore>(new PostGisAccountStore(writes));
        services.AddSingleton<IAuditLog>(new PostGisAuditLog(writes));
        services.AddDataProtection().SetApplicationName(AccountsDataProtection.ApplicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostGisKeyRing(writes));
        return services;
    }
}
