using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Geo.Api.Accounts.Internal;

/// <summary>
/// Counts failed sign-ins per client address and account name in a fixed window (the rate limiter ASP.NET Core's own
/// middleware is built on). Only failures use up the allowance, so staff who type their password right are never
/// slowed; once it is used up, even the right password is refused until the window ends, which stops guessing.
/// </summary>
internal sealed class LoginThrottle(IOptions<AuthOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedLoginsPerWindow,
            Window = TimeSpan.FromMinutes(options.Value.FailedLoginWindowMinutes),
            QueueLimit = 0,
        }));

    public TimeSpan Window => TimeSpan.FromMinutes(options.Value.FailedLoginWindowMinutes);

    /// <summary>True while failures are still allowed for this address and name (asks for no permit, so it uses none up).</summary>
    public bool MayTry(string key)
    {
        using var lease = _failures.AttemptAcquire(key, 0);
        return lease.IsAcquired;
    }

    public void Failed(string key)
    {
        using var lease = _failures.AttemptAcquire(key, 1);
    }

    public static string Key(HttpContext context, string? name) =>
        $"{context.Connection.RemoteIpAddress}|{name?.Trim().ToLowerInvariant()}";

    public void Dispose() => _failures.Dispose();
}
