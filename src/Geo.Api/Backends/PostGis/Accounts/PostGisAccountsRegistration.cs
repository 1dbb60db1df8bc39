using Geo.Core.Accounts;
using Npgsql;

namespace Geo.Api.Backends.PostGis.Accounts;

public static class PostGisAccountsRegistration
{
    /// <summary>Accounts and the audit trail in PostGIS, on the primary (<paramref name="writes"/>): a login must see a password just set.</summary>
    public static IServiceCollection AddPostGisAccounts(this IServiceCollection services, NpgsqlDataSource writes)
    {
        services.AddSingleton<IAccountStore>(new PostGisAccountStore(writes));
        services.AddSingleton<IAuditLog>(new PostGisAuditLog(writes));
        return services;
    }
}
