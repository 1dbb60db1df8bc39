using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Geo.Api.Hosting;

/// <summary>
/// PostGIS down, restarting or out of connections is not the client's fault and not a bug: the answer is 503
/// problem+json with <c>Retry-After</c>, and one Warning line without a stack trace. Nothing else is needed to
/// recover: Npgsql's pool drops broken connections and opens new ones once the database is back.
/// </summary>
public static partial class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static IServiceCollection AddDatabaseUnavailableProblems(this IServiceCollection services) =>
        services.AddExceptionHandler<DatabaseUnavailableHandler>();

    /// <summary>True when the exception, or one inside it, says the database could not be reached or refused to work.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down), too_many_connections,
                // and the connection_exception class.
                case PostgresException p:
                    return p.SqlState is "57P01" or "57P02" or "57P03" or "53300" || p.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                    return true;
                // Several hosts, and every one that may take this session is known to be down (Npgsql remembers that
                // for Host Recheck Seconds): a write while the primary is away. Npgsql gives that refusal no type,
                // SqlState or inner exception of its own, so what identifies it is where it was thrown.
                case NpgsqlException { InnerException: null } when e is not PostgresException && ThrownByMultiHostDataSource(e):
                    return true;
                case SocketException:
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>Thrown inside <see cref="NpgsqlMultiHostDataSource"/> (in its async state machine, a type nested in it).</summary>
    private static bool ThrownByMultiHostDataSource(Exception exception) =>
        exception.TargetSite?.DeclaringType is { } type
        && (type == typeof(NpgsqlMultiHostDataSource) || type.DeclaringType == typeof(NpgsqlMultiHostDataSource));

    private sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsUnavailable(exception))
            {
                return false;
            }

            LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The database is unavailable",
                    Detail = $"PostGIS cannot be reached just now; nothing was changed by this request. Try again in {RetryAfterSeconds} s: the service reconnects by itself.",
                },
            }).ConfigureAwait(false);
        }

        [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Database unavailable for {Method} {Path}: {Reason}")]
        private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
    }
}
