using System.Net.Http.Headers;
using Geo.Core.Accounts;

namespace Geo.Testing;

/// <summary>
/// Credentials for tests that write: an account of the role asked for, made directly in the service's own account
/// store (as the CLI would), with a personal token the client then sends. Writes keep needing an account; tests get one.
/// </summary>
public static class TestAccounts
{
    /// <summary>Gives <paramref name="client"/> a new <paramref name="role"/> account's bearer token and returns the client.</summary>
    public static async Task<HttpClient> AuthorizeAsync(this HttpClient client, IServiceProvider services, Role role)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (_, token) = await CreateAsync(services, role);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new account of <paramref name="role"/> (token only, no password) and its personal token.</summary>
    public static async Task<(string Name, string Token)> CreateAsync(IServiceProvider services, Role role, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = (IAccountStore?)services.GetService(typeof(IAccountStore)) ?? throw new InvalidOperationException("the service registers no IAccountStore");
        var account = name ?? $"test-{Roles.Name(role)}-{Guid.NewGuid().ToString("N")[..8]}";
        await store.CreateAsync(new NewUserAccount(account, role, null), CancellationToken.None);
        var token = PersonalTokens.Create();
        await store.AddTokenAsync(account, PersonalTokens.Hash(token), "tests", CancellationToken.None);
        return (account, token);
    }
}
