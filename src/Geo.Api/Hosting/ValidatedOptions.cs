using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Geo.Api.Hosting;

/// <summary>
/// Settings are checked before the service starts: a bad value stops start-up with one line naming the setting
/// (<see cref="ThrowIfInvalid"/> from the entry point), instead of failing on the first request that needs it.
/// </summary>
public static class ValidatedOptions
{
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Runs the start-up validation and the service; a setting that fails validation (or cannot be bound), or an address
    /// Kestrel cannot listen on, is one line on stderr and exit code 1, without the host's stack trace.
    /// </summary>
    public static async Task<int> RunValidatedAsync(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: invalid setting: {string.Join("; ", e.Failures)}").ConfigureAwait(false);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"error: invalid setting: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException or SocketException)
        {
            // Kestrel could not bind (another process has the port, or it is not ours to take): one line, not an abort
            // with the host's stack trace.
            await Console.Error.WriteLineAsync(
                $"error: cannot listen: {e.InnerException.Message} ({e.Message.TrimEnd('.')}); stop the other process or choose another address with --urls or ASPNETCORE_URLS").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }
}
